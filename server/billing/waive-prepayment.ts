import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict } from "../errors";
import { prepaymentForStaff } from "./prepayment";
import type { waivePrepaymentSchema } from "./schemas";
import { clock } from "../clock";

/** Staff let the request's bookings be confirmed before its prepayment arrives (a trusted payer, a payment on its way), with a reason on the record. */
export async function waivePrepayment(tx: Tx, ctx: RequestContext, input: z.output<typeof waivePrepaymentSchema>, now = clock.now()) {
  const { request, quote, userId } = await prepaymentForStaff(tx, ctx, input.requestId, "waive its prepayment");
  const waived = await tx.quote.updateMany({ where: { id: quote.id, state: "ACTIVE", paidAt: null, prepaymentWaivedAt: null }, data: { prepaymentWaivedAt: now, prepaymentWaivedById: userId, prepaymentWaivedReason: input.reason } });
  if (waived.count === 0) throw conflict(`The prepayment of quote ${quote.reference} is already waived.`);
  await recordAudit(tx, ctx, { action: "quote.prepayment_waived", entityType: "Quote", entityId: quote.id, after: { reference: quote.reference, request: request.reference, reason: input.reason } });
  return { waivedAt: now };
}
