import type { z } from "zod";
import { isSignedIn, organisationIdsOf, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { localMidnight } from "../scheduling/shifts";
import type { addOnRateSchema } from "./schemas";

/** A facility admin prices an add-on from a date; quotes already made keep the add-on prices they froze. */
export async function saveAddOnRate(tx: Tx, ctx: RequestContext, input: z.output<typeof addOnRateSchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const facility = await tx.facility.findUnique({ where: { id: input.facilityId } });
  if (!facility || !organisationIdsOf(ctx.actor, "FACILITY_ADMIN").includes(facility.organisationId)) throw notFound("The facility");
  const validFrom = localMidnight(input.validFrom, facility.timeZone);
  if (await tx.addOnRate.findUnique({ where: { facilityId_kind_validFrom: { facilityId: facility.id, kind: input.kind, validFrom } } })) throw conflict(`This add-on already has a price from ${input.validFrom}; choose another date.`, "validFrom");
  const rate = await tx.addOnRate.create({ data: { facilityId: facility.id, kind: input.kind, label: input.label, unitLabel: input.unitLabel, priceMinor: input.priceMinor, currency: input.currency, validFrom, createdById: ctx.actor.userId } });
  await recordAudit(tx, ctx, { action: "rate_card.saved", entityType: "AddOnRate", entityId: rate.id, after: { facility: facility.code, kind: input.kind, priceMinor: input.priceMinor, currency: input.currency, validFrom: input.validFrom } });
  return { id: rate.id };
}
