import type Stripe from "stripe";
import { workerContext } from "../../access/actor";
import { recordAudit } from "../../audit/record";
import { inTransaction, type Db } from "../../db";
import type { PriceLine } from "../pricing";
import { clock } from "../../clock";

/** After this many failures the job stops trying; staff see the invoice on /invoices/stripe-sync and retry it. */
export const maxStripeAttempts = 10;

/**
 * The Stripe side of issued invoices, done by a job from the invoice rows
 * themselves (an outbox): an invoice is issued in the portal's transaction
 * whether or not Stripe is reachable, and this creates the customer, the
 * invoice and its lines and finalises it. Every call carries an idempotency
 * key derived from the invoice, so a retry after a crash or a timeout never
 * makes a second customer, invoice or line.
 */
export async function syncInvoicesToStripe(db: Db, stripe: Stripe): Promise<number> {
  const due = await db.invoice.findMany({ where: { kind: "INVOICE", totalMinor: { gt: 0 }, stripeSyncedAt: null, stripeAttempts: { lt: maxStripeAttempts } }, select: { id: true }, orderBy: { issuedAt: "asc" }, take: 20 });
  let synced = 0;
  for (const { id } of due) {
    try {
      await syncOne(db, stripe, id);
      synced += 1;
    } catch (error) {
      await db.invoice.update({ where: { id }, data: { stripeAttempts: { increment: 1 }, stripeLastAttemptAt: clock.now(), stripeLastError: error instanceof Error ? error.message.slice(0, 500) : String(error) } });
    }
  }
  return synced;
}

async function syncOne(db: Db, stripe: Stripe, invoiceId: string) {
  const invoice = await db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { quote: { select: { reference: true, purchaseOrderNumber: true, programmeId: true } }, facility: { select: { name: true } } } });
  const organisation = await db.organisation.findUniqueOrThrow({ where: { id: invoice.organisationId } });
  // Stripe sends "send_invoice" invoices to the customer's email: the person who made the request.
  const contact = await db.accessRequest.findUniqueOrThrow({ where: { id: invoice.requestId }, select: { createdBy: { select: { email: true, name: true } } } });
  const key = (suffix: string) => ({ idempotencyKey: `lodestone-${suffix}` });

  let customerId = organisation.stripeCustomerId;
  if (!customerId) {
    const customer = await stripe.customers.create({ name: organisation.name, email: contact.createdBy.email, metadata: { lodestoneOrganisationId: organisation.id, contact: contact.createdBy.name } }, key(`customer-${organisation.id}`));
    customerId = customer.id;
    await db.organisation.updateMany({ where: { id: organisation.id, stripeCustomerId: null }, data: { stripeCustomerId: customerId } });
  }
  const currency = invoice.currency.toLowerCase();
  const created = await stripe.invoices.create(
    {
      customer: customerId,
      collection_method: "send_invoice",
      days_until_due: Math.max(1, Math.round((invoice.dueAt.getTime() - invoice.issuedAt.getTime()) / 86_400_000)),
      currency,
      auto_advance: false,
      description: `${invoice.facility.name} invoice ${invoice.number}${invoice.quote.purchaseOrderNumber ? `, purchase order ${invoice.quote.purchaseOrderNumber}` : ""}`,
      metadata: { lodestoneInvoiceId: invoice.id, number: invoice.number },
    },
    key(`invoice-${invoice.id}`),
  );
  const lines: { description: string; amount: number }[] = [
    ...(invoice.lines as unknown as PriceLine[]).map((l) => ({ description: l.quantity === 1 ? l.label : `${l.label} × ${l.quantity}`, amount: l.amountMinor })),
    ...(invoice.subsidyMinor > 0 ? [{ description: "SME subsidy (paid by the programme)", amount: -invoice.subsidyMinor }] : []),
    ...(invoice.vatMinor !== 0 ? [{ description: "VAT", amount: invoice.vatMinor }] : []),
  ];
  for (const [i, line] of lines.entries()) {
    await stripe.invoiceItems.create({ customer: customerId, invoice: created.id, currency, amount: line.amount, description: line.description }, key(`invoice-${invoice.id}-line-${i}`));
  }
  const finalized = await stripe.invoices.finalizeInvoice(created.id!, {}, key(`invoice-${invoice.id}-finalize`));
  await inTransaction(async (tx) => {
    await tx.invoice.update({ where: { id: invoice.id }, data: { stripeInvoiceId: created.id, stripeHostedUrl: finalized.hosted_invoice_url ?? null, stripeSyncedAt: clock.now(), stripeLastError: null } });
    await recordAudit(tx, workerContext, { action: "invoice.stripe_synced", entityType: "Invoice", entityId: invoice.id, after: { number: invoice.number, stripeInvoiceId: created.id, lines: lines.length } });
  }, db);
}
