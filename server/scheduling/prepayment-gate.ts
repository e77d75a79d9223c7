import type { Tx } from "../db";
import { conflict } from "../errors";

/**
 * When the payer chose prepayment, beamtime is confirmed only once the quote
 * is paid (Stripe Checkout or a bank transfer staff recorded) or staff waived
 * the prepayment with a reason. Holds are allowed meanwhile. Quotes with
 * nothing to pay, and cancelled ones, do not hold anything up.
 */
export async function assertPrepaid(tx: Tx, requestId: string) {
  const quote = await tx.quote.findUnique({ where: { requestId }, select: { reference: true, paymentTerms: true, state: true, totalMinor: true, paidAt: true, prepaymentWaivedAt: true, request: { select: { reference: true } } } });
  if (!quote || quote.paymentTerms !== "PREPAYMENT" || quote.state === "CANCELLED" || quote.totalMinor === 0) return;
  if (quote.paidAt || quote.prepaymentWaivedAt) return;
  throw conflict(`${quote.request.reference} is on prepayment terms and its quote ${quote.reference} is not paid yet. The payer pays it from the request page, or staff record the bank transfer there; hold the shifts meanwhile.`, "hold");
}
