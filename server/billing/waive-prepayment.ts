import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { loadBillableRequest } from "./load-billing";
import { assertAwaitingPrepayment } from "./prepayment";
import type { waivePrepaymentSchema } from "./schemas";
import { clock } from "../clock";

/** Staff let the request's bookings be confirmed before its prepayment arrives (a trusted payer, a payment on its way), with a reason on the record. */
export async function waivePrepayment(tx: Tx, ctx: RequestContext, input: z.output<typeof waivePrepaymentSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { request, isFacilityStaff } = await loadBillableRequest(tx, ctx.actor, input.requestId);
  if (!isFacilityStaff) throw forbidden(`Only ${request.facility.name}'s staff waive its prepayment.`);
  const quote = request.quote;
  assertAwaitingPrepayment(quote, request.reference);
  const waived = await tx.quote.updateMany({ where: { id: quote.id, state: "ACTIVE", paidAt: null, prepaymentWaivedAt: null }, data: { prepaymentWaivedAt: now, prepaymentWaivedById: ctx.actor.userId, prepaymentWaivedReason: input.reason } });
  if (waived.count === 0) throw conflict(`The prepayment of quote ${quote.reference} is already waived.`);
  await recordAudit(tx, ctx, { action: "quote.prepayment_waived", entityType: "Quote", entityId: quote.id, after: { reference: quote.reference, request: request.reference, reason: input.reason } });
  return { waivedAt: now };
}
