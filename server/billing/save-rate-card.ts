import type { z } from "zod";
import { isSignedIn, organisationIdsOf, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { localMidnight } from "../scheduling/shifts";
import type { rateCardSchema } from "./schemas";

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
