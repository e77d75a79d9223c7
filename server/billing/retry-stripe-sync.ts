import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { loadVisibleInvoice } from "./load-billing";
import type { invoiceIdSchema } from "./schemas";
import { stoppedSyncWhere } from "./stopped-stripe-syncs";
import { maxStripeAttempts } from "./stripe/sync-invoices";

/**
 * Staff of the invoice's facility give a stopped Stripe sync a fresh set of
 * attempts (once they have fixed what it complained about). The reset is
 * conditional on the sync still being stopped, so two clicks reset it once;
 * the caller nudges the sync job after commit.
 */
export async function retryStripeSync(tx: Tx, ctx: RequestContext, input: z.output<typeof invoiceIdSchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { invoice, isFacilityStaff, isPayer } = await loadVisibleInvoice(tx, ctx.actor, input.invoiceId);
  if (!isFacilityStaff) throw isPayer ? forbidden(`Only ${invoice.facility.name}'s staff retry its Stripe sync.`) : notFound("The invoice");
  const reset = await tx.invoice.updateMany({ where: { id: invoice.id, ...stoppedSyncWhere }, data: { stripeAttempts: 0 } });
  if (reset.count === 0) {
    const current = await tx.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: { stripeSyncedAt: true, stripeAttempts: true } });
    if (current.stripeSyncedAt) throw conflict(`${invoice.number} is already in Stripe; there is nothing to retry.`);
    if (invoice.kind !== "INVOICE" || invoice.totalMinor <= 0) throw conflict(`${invoice.number} has nothing to collect, so it is not sent to Stripe.`);
    throw conflict(`${invoice.number} has not stopped: the job is still trying (attempt ${current.stripeAttempts} of ${maxStripeAttempts}).`);
  }
  await recordAudit(tx, ctx, { action: "invoice.stripe_sync_retried", entityType: "Invoice", entityId: invoice.id, before: { stripeAttempts: invoice.stripeAttempts, stripeLastError: invoice.stripeLastError }, after: { stripeAttempts: 0 } });
  return { number: invoice.number };
}
