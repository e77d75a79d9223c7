import type Stripe from "stripe";
import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import { inTransaction, type Db } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { appUrl } from "../organisations/invitation-token";
import { loadBillableRequest } from "./load-billing";
import { assertAwaitingPrepayment } from "./prepayment";
import type { requestIdSchema } from "./schemas";

/**
 * The payer pays a prepayment quote online: a Stripe Checkout Session for
 * the quote's total, made with an idempotency key derived from the quote (a
 * second click within Stripe's 24 hours gets the same session back). The
 * Stripe call is made outside any database transaction; the session is then
 * stored on the quote. The quote is marked paid only by the webhook
 * (checkout.session.completed), never by the redirect back.
 */
export async function startCheckout(db: Db, ctx: RequestContext, input: z.output<typeof requestIdSchema>, stripe: Stripe | null) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { request, isPayer } = await loadBillableRequest(db, ctx.actor, input.requestId);
  if (!isPayer) throw forbidden(`Only ${request.organisation.name} pays its quote.`);
  const quote = request.quote;
  assertAwaitingPrepayment(quote, request.reference);
  if (!stripe) throw conflict(`Online payment is not set up at ${request.facility.name}; pay by bank transfer with the instructions on the request page.`);
  // The request's author, not whoever clicks: the parameters must be the same on every retry with this key.
  const contact = await db.user.findUniqueOrThrow({ where: { id: request.createdById }, select: { email: true } });
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: quote.currency.toLowerCase(), unit_amount: quote.totalMinor, product_data: { name: `Prepayment of quote ${quote.reference} (${request.reference})` } } }],
      customer_email: contact.email,
      client_reference_id: quote.id,
      metadata: { lodestoneQuoteId: quote.id, quoteReference: quote.reference },
      payment_intent_data: { metadata: { lodestoneQuoteId: quote.id } },
      success_url: appUrl(`/requests/${request.id}?checkout=done#billing`),
      cancel_url: appUrl(`/requests/${request.id}#billing`),
    },
    { idempotencyKey: `lodestone-checkout-${quote.id}` },
  );
  if (!session.url) throw conflict("Stripe did not return a payment page; try again in a minute.");
  await inTransaction(async (tx) => {
    const stored = await tx.quote.updateMany({ where: { id: quote.id, paidAt: null, OR: [{ stripeCheckoutSessionId: null }, { stripeCheckoutSessionId: { not: session.id } }] }, data: { stripeCheckoutSessionId: session.id, stripeCheckoutUrl: session.url } });
    if (stored.count > 0) await recordAudit(tx, ctx, { action: "quote.checkout_started", entityType: "Quote", entityId: quote.id, after: { reference: quote.reference, checkoutSession: session.id, totalMinor: quote.totalMinor, currency: quote.currency } });
  }, db);
  return { url: session.url };
}
