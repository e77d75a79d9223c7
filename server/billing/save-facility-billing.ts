import type { z } from "zod";
import { isSignedIn, organisationIdsOf, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { invalid, notFound } from "../errors";
import type { facilityBillingSchema } from "./schemas";

/** VAT and bank-transfer details of a facility; quotes already made keep the VAT rate they froze. */
export async function saveFacilityBilling(tx: Tx, ctx: RequestContext, input: z.output<typeof facilityBillingSchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const facility = await tx.facility.findUnique({ where: { id: input.facilityId } });
  if (!facility || !organisationIdsOf(ctx.actor, "FACILITY_ADMIN").includes(facility.organisationId)) throw notFound("The facility");
  const vatBasisPoints = Math.round(input.vatPercent * 100);
  await tx.facility.update({ where: { id: facility.id }, data: { vatBasisPoints, paymentInstructions: input.paymentInstructions } });
  await recordAudit(tx, ctx, { action: "rate_card.saved", entityType: "Facility", entityId: facility.id, before: { vatBasisPoints: facility.vatBasisPoints, paymentInstructions: facility.paymentInstructions }, after: { vatBasisPoints, paymentInstructions: input.paymentInstructions } });
  return { vatBasisPoints };
}
