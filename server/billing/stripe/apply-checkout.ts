import type Stripe from "stripe";
import { workerContext } from "../../access/actor";
import { recordAudit } from "../../audit/record";
import type { Tx } from "../../db";
import { emailPrepaid } from "../prepayment";

/**
 * checkout.session.completed for a quote's prepayment: marks the quote paid
 * once (a conditional update; the event id is already recorded by the
 * caller in the same transaction). A session that is not paid yet, or whose
 * amount or currency is not the quote's, changes nothing.
 */
export async function applyCheckoutCompleted(tx: Tx, event: Stripe.Event): Promise<"applied" | "ignored"> {
  const session = event.data.object as { id?: string; object?: string; metadata?: Record<string, string> | null; client_reference_id?: string | null; payment_status?: string; amount_total?: number | null; currency?: string | null };
  const quoteId = session.metadata?.lodestoneQuoteId ?? session.client_reference_id ?? null;
  if (session.object !== "checkout.session" || !session.id || !quoteId || session.payment_status !== "paid") return "ignored";
  const quote = await tx.quote.findUnique({ where: { id: quoteId }, include: { request: { select: { id: true, reference: true, title: true, createdById: true, organisationId: true } } } });
  if (!quote || session.amount_total !== quote.totalMinor || session.currency?.toUpperCase() !== quote.currency) return "ignored";
  const paidAt = new Date(event.created * 1000);
  // Already paid (an earlier event for another session, or a bank transfer staff recorded): nothing more to do.
  const paid = await tx.quote.updateMany({ where: { id: quote.id, paidAt: null }, data: { paidAt, paidBy: "STRIPE_CHECKOUT", paymentReference: session.id } });
  if (paid.count === 0) return "applied";
  await recordAudit(tx, workerContext, { action: "quote.prepaid", entityType: "Quote", entityId: quote.id, after: { reference: quote.reference, request: quote.request.reference, by: "STRIPE_CHECKOUT", checkoutSession: session.id, stripeEvent: event.id, totalMinor: quote.totalMinor, currency: quote.currency } });
  await emailPrepaid(tx, quote.request, quote, "online");
  return "applied";
}
