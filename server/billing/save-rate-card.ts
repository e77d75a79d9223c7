import type { z } from "zod";
import { isSignedIn, organisationIdsOf, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { localMidnight } from "../scheduling/shifts";
import type { addOnRateSchema, facilityBillingSchema, rateCardSchema } from "./schemas";

/** A facility admin sets an endstation's price from a date; quotes already made keep the rates they froze. */
export async function saveRateCard(tx: Tx, ctx: RequestContext, input: z.output<typeof rateCardSchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const endstation = await tx.endstation.findUnique({ where: { id: input.endstationId }, include: { facility: true } });
  if (!endstation || !organisationIdsOf(ctx.actor, "FACILITY_ADMIN").includes(endstation.facility.organisationId)) throw notFound("The endstation");
  const validFrom = localMidnight(input.validFrom, endstation.facility.timeZone);
  const clash = await tx.rateCard.findUnique({ where: { endstationId_validFrom: { endstationId: endstation.id, validFrom } } });
  if (clash) throw conflict(`${endstation.name} already has a rate card from ${input.validFrom}; choose another date.`, "validFrom");
  const card = await tx.rateCard.create({
    data: { endstationId: endstation.id, currency: input.currency, unit: input.unit, priceMinor: input.priceMinor, slidingFromUnit: input.slidingFromUnit, slidingPriceMinor: input.slidingPriceMinor, validFrom, createdById: ctx.actor.userId },
  });
  await recordAudit(tx, ctx, { action: "rate_card.saved", entityType: "RateCard", entityId: card.id, after: { endstation: endstation.code, currency: input.currency, unit: input.unit, priceMinor: input.priceMinor, slidingFromUnit: input.slidingFromUnit, slidingPriceMinor: input.slidingPriceMinor, validFrom: input.validFrom } });
  return { id: card.id };
}

/** The rate cards of the facilities an admin runs, per endstation, newest first. */
export async function administeredRates(tx: Tx, ctx: RequestContext) {
  const facilities = await tx.facility.findMany({
    where: { organisationId: { in: organisationIdsOf(ctx.actor, "FACILITY_ADMIN") } },
    include: { endstations: { include: { rateCards: { orderBy: { validFrom: "desc" } } }, orderBy: { code: "asc" } }, addOnRates: { orderBy: [{ kind: "asc" }, { validFrom: "desc" }] } },
    orderBy: { name: "asc" },
  });
  return facilities;
}

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
