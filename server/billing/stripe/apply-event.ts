import type Stripe from "stripe";
import { workerContext } from "../../access/actor";
import { emailApplicant, requestUrl } from "../../access-requests/notify";
import { recordAudit } from "../../audit/record";
import { inTransaction, type Db, type Tx } from "../../db";
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

type PortalInvoice = { id: string; stripeInvoiceId: string | null; totalMinor: number; currency: string };
type StripeObject = { id?: string; object?: string; currency?: string | null; total?: number; amount_paid?: number; amount?: number; amount_refunded?: number; invoice?: string | { id: string } | null; payment_intent?: string | { id: string } | null; payment?: { payment_intent?: string | { id: string } | null } | null };

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));
const sameMoney = (invoice: PortalInvoice, amount: number | undefined, currency: string | null | undefined) => amount === invoice.totalMinor && currency?.toUpperCase() === invoice.currency;

/**
 * The portal's invoice an event is about, found only by the ids Stripe gave us
 * back (never by metadata, which any object in the account can carry), and
 * only if the amount and currency are what the portal issued:
 * - invoice.*: the Stripe invoice id the sync stored; paid events must have paid the whole total;
 * - charge.refunded: the whole total refunded, matched by the charge's invoice
 *   (older API versions) or its PaymentIntent, which invoice_payment.paid recorded.
 */
async function portalInvoiceFor(tx: Tx, event: Stripe.Event, next: PaymentState): Promise<PortalInvoice | null> {
  const object = event.data.object as StripeObject;
  const select = { id: true, stripeInvoiceId: true, totalMinor: true, currency: true } as const;
  if (object.object === "invoice" && object.id) {
    const invoice = await tx.invoice.findUnique({ where: { stripeInvoiceId: object.id }, select });
    if (!invoice || !sameMoney(invoice, object.total, object.currency)) return null;
    return next === "PAID" && object.amount_paid !== invoice.totalMinor ? null : invoice;
  }
  if (object.object === "charge" && event.type === "charge.refunded") {
    const stripeInvoiceId = idOf(object.invoice);
    const paymentIntent = idOf(object.payment_intent);
    const where = stripeInvoiceId ? { stripeInvoiceId } : paymentIntent ? { stripePaymentIntentId: paymentIntent } : null;
    const invoice = where ? await tx.invoice.findUnique({ where, select }) : null;
    // A partial refund does not make the invoice refunded: the facility corrects it with a credit note.
    return invoice && sameMoney(invoice, object.amount_refunded, object.currency) && sameMoney(invoice, object.amount, object.currency) ? invoice : null;
  }
  return null;
}

/**
 * invoice_payment.paid (current API versions) and invoice.paid (older ones,
 * which still name the PaymentIntent) tell us which PaymentIntent paid which
 * invoice; a later charge.refunded names only the PaymentIntent.
 */
async function rememberPaymentIntent(tx: Tx, event: Stripe.Event): Promise<void> {
  const object = event.data.object as StripeObject;
  const paymentIntent = object.object === "invoice_payment" ? idOf(object.payment?.payment_intent) : object.object === "invoice" ? idOf(object.payment_intent) : null;
  const stripeInvoiceId = object.object === "invoice_payment" ? idOf(object.invoice) : (object.id ?? null);
  if (!paymentIntent || !stripeInvoiceId) return;
  await tx.invoice.updateMany({ where: { stripeInvoiceId, stripePaymentIntentId: null }, data: { stripePaymentIntentId: paymentIntent } });
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
    if (event.type === "invoice_payment.paid" || event.type === "invoice.paid") await rememberPaymentIntent(tx, event);
    if (event.type === "invoice_payment.paid") return "applied";
    const next = stateFor[event.type];
    if (!next) return "ignored";
    const matched = await portalInvoiceFor(tx, event, next);
    if (!matched) return "ignored";
    const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: matched.id }, include: { quote: { include: { request: { select: { id: true, reference: true, title: true, organisationId: true, createdById: true } } } } } });
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
