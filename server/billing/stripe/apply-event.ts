import type Stripe from "stripe";
import { workerContext } from "../../access/actor";
import { emailApplicant, requestUrl } from "../../access-requests/notify";
import { recordAudit } from "../../audit/record";
import { inTransaction, type Db } from "../../db";
import type { PaymentState } from "../../generated/prisma/enums";
import { formatMinor } from "../money";
import { applyCheckoutCompleted } from "./apply-checkout";

/**
 * Payment states only move forward: a failure arriving after the payment
 * (events come in any order) does not undo it, and a refund stands even if
 * the payment's own event is late.
 */
const rank: Record<PaymentState, number> = { UNPAID: 0, PAYMENT_FAILED: 1, PAID: 2, REFUNDED: 3 };

const stateFor: Partial<Record<Stripe.Event["type"], PaymentState>> = {
  "invoice.paid": "PAID",
  "invoice.payment_succeeded": "PAID",
  "invoice.payment_failed": "PAYMENT_FAILED",
  "charge.refunded": "REFUNDED",
};

const words: Record<PaymentState, string> = { UNPAID: "unpaid", PAYMENT_FAILED: "payment failed", PAID: "paid", REFUNDED: "refunded" };

/** The portal's invoice an event is about: our id in the metadata, Stripe's invoice id, or (for a charge) the invoice it paid. */
function invoiceKeys(event: Stripe.Event): { lodestoneId: string | null; stripeInvoiceId: string | null } {
  const object = event.data.object as { id?: string; object?: string; invoice?: string | { id: string } | null; metadata?: Record<string, string> | null };
  const charged = typeof object.invoice === "string" ? object.invoice : (object.invoice?.id ?? null);
  return { lodestoneId: object.metadata?.lodestoneInvoiceId ?? null, stripeInvoiceId: object.object === "invoice" ? (object.id ?? null) : charged };
}

/** A partial refund does not make the invoice refunded: the facility corrects it with a credit note. */
function isPartialRefund(event: Stripe.Event): boolean {
  const charge = event.data.object as { object?: string; amount?: number; amount_refunded?: number };
  return event.type === "charge.refunded" && charge.object === "charge" && typeof charge.amount === "number" && typeof charge.amount_refunded === "number" && charge.amount_refunded < charge.amount;
}

/**
 * Applies one verified event exactly once: its id goes into StripeEvent in
 * the same transaction as its effect, so a redelivery finds it there and
 * changes nothing.
 */
export async function applyStripeEvent(db: Db, event: Stripe.Event): Promise<"applied" | "duplicate" | "ignored"> {
  return inTransaction(async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO "StripeEvent" (id, type) VALUES (${event.id}, ${event.type}) ON CONFLICT (id) DO NOTHING`;
    if (inserted === 0) return "duplicate";
    if (event.type === "checkout.session.completed") return applyCheckoutCompleted(tx, event);
    const next = stateFor[event.type];
    if (!next || isPartialRefund(event)) return "ignored";
    const { lodestoneId, stripeInvoiceId } = invoiceKeys(event);
    const invoice = await tx.invoice.findFirst({ where: lodestoneId ? { id: lodestoneId } : stripeInvoiceId ? { stripeInvoiceId } : { id: "" }, include: { quote: { include: { request: { select: { id: true, reference: true, title: true, organisationId: true, createdById: true } } } } } });
    if (!invoice) return "ignored";
    await tx.stripeEvent.update({ where: { id: event.id }, data: { invoiceId: invoice.id } });
    const at = new Date(event.created * 1000);
    const moved = await tx.$executeRaw`
      UPDATE "Invoice" SET "paymentState" = ${next}::"PaymentState", "paymentUpdatedAt" = ${at}
      WHERE id = ${invoice.id} AND (CASE "paymentState" WHEN 'UNPAID' THEN 0 WHEN 'PAYMENT_FAILED' THEN 1 WHEN 'PAID' THEN 2 ELSE 3 END) < ${rank[next]}`;
    if (moved === 0) return "applied";
    await recordAudit(tx, workerContext, { action: "invoice.payment_updated", entityType: "Invoice", entityId: invoice.id, before: { paymentState: invoice.paymentState }, after: { paymentState: next, stripeEvent: event.id, eventType: event.type } });
    const request = invoice.quote.request;
    await emailApplicant(tx, request, "request-update", {
      reference: request.reference!,
      title: request.title,
      status: `Invoice ${invoice.number} ${words[next]}`,
      nextStep: next === "PAID" ? `Thank you: ${formatMinor(invoice.totalMinor, invoice.currency)} received.` : next === "PAYMENT_FAILED" ? "The payment did not go through. Please try again from the invoice, or pay by bank transfer." : `${formatMinor(invoice.totalMinor, invoice.currency)} has been refunded.`,
      url: requestUrl(request.id),
    }, `invoice-payment:${invoice.id}:${next}`);
    return "applied";
  }, db);
}
