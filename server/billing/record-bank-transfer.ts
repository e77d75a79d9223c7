import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict } from "../errors";
import { emailPrepaid, prepaymentForStaff } from "./prepayment";
import type { bankTransferSchema } from "./schemas";
import { clock } from "../clock";

/** The facility's staff record that a prepayment arrived by bank transfer, with its reference; bookings can then be confirmed. */
export async function recordBankTransfer(tx: Tx, ctx: RequestContext, input: z.output<typeof bankTransferSchema>, now = clock.now()) {
  const { request, quote, userId } = await prepaymentForStaff(tx, ctx, input.requestId, "record payments received");
  // Conditional: two staff recording the same transfer at once record it once.
  const paid = await tx.quote.updateMany({ where: { id: quote.id, state: "ACTIVE", paymentTerms: "PREPAYMENT", paidAt: null }, data: { paidAt: now, paidBy: "BANK_TRANSFER", paymentReference: input.reference, paymentRecordedById: userId } });
  if (paid.count === 0) throw conflict(`Quote ${quote.reference} changed meanwhile (paid or its terms changed); reload the request.`);
  await recordAudit(tx, ctx, { action: "quote.prepaid", entityType: "Quote", entityId: quote.id, after: { reference: quote.reference, request: request.reference, by: "BANK_TRANSFER", paymentReference: input.reference, totalMinor: quote.totalMinor, currency: quote.currency } });
  await emailPrepaid(tx, request, quote, `by bank transfer (reference ${input.reference})`);
  return { paidAt: now };
}
