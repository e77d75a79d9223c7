import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhook } from "../../../app/api/webhooks/stripe/route";
import { callerFor, createMember, testDb } from "../../testing/fixtures";
import { createAwaitingDecision, createBillingWorld, createRunBooking } from "../test-world";
import { stripeClient } from "./client";
import { startRecordingStripe } from "./recording-stripe-server";
import { syncInvoicesToStripe } from "./sync-invoices";

const db = testDb();
const secret = "whsec_lodestone_test_secret";
let previousSecret: string | undefined;
beforeAll(() => {
  previousSecret = process.env.STRIPE_WEBHOOK_SECRET;
  process.env.STRIPE_WEBHOOK_SECRET = secret;
});
afterAll(() => {
  process.env.STRIPE_WEBHOOK_SECRET = previousSecret;
});

/** An issued invoice for 6 shifts at a world's facility (£5,895.00 to pay after the SME subsidy and VAT, with 3 samples). */
async function issuedInvoice() {
  const w = await createBillingWorld(db);
  const { request, applicant } = await createAwaitingDecision(db, w);
  await callerFor(w.admin).accessRequests.decide({ requestId: request.id, approve: true, shifts: 6, note: "Approved." });
  await createRunBooking(db, w, request.id, 6);
  const { id } = await callerFor(w.staff).billing.issueInvoice({ requestId: request.id, addOns: { SAMPLE_PREPARATION: 3 } });
  // Only this invoice is due for Stripe in these tests: the others in the shared database are marked done.
  await db.invoice.updateMany({ where: { id: { not: id }, stripeSyncedAt: null }, data: { stripeSyncedAt: new Date() } });
  return { w, request, applicant, invoice: await db.invoice.findUniqueOrThrow({ where: { id } }) };
}

function signed(event: Record<string, unknown>, withSecret = secret) {
  const payload = JSON.stringify(event);
  return new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body: payload, headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: withSecret }), "content-type": "application/json" } });
}

type Issued = { id: string; totalMinor: number };
const stripeIdOf = (invoice: Issued) => `in_test_${invoice.id}`;
/** What the sync job leaves behind: the invoice is in Stripe under this id. */
async function inStripe(invoice: Issued) {
  await db.invoice.update({ where: { id: invoice.id }, data: { stripeInvoiceId: stripeIdOf(invoice), stripeSyncedAt: new Date() } });
}
const envelope = (id: string, type: string, created: number, object: Record<string, unknown>) => ({ id, object: "event", type, created, api_version: "2025-03-31.basil", livemode: false, pending_webhooks: 1, request: null, data: { object } });
/** An invoice.* event for the portal's Stripe invoice, for its whole total in pounds unless overridden. */
const invoiceEvent = (id: string, type: string, invoice: Issued, created: number, object: Record<string, unknown> = {}) =>
  envelope(id, type, created, { id: stripeIdOf(invoice), object: "invoice", total: invoice.totalMinor, amount_paid: type === "invoice.payment_failed" ? 0 : invoice.totalMinor, currency: "gbp", metadata: { lodestoneInvoiceId: invoice.id }, ...object });
/** invoice_payment.paid (API 2025-03-31 and later): which PaymentIntent paid which invoice. */
const invoicePaymentEvent = (id: string, invoice: Issued, paymentIntent: string, created: number) =>
  envelope(id, "invoice_payment.paid", created, { id: `inpay_${invoice.id}`, object: "invoice_payment", invoice: stripeIdOf(invoice), payment: { type: "payment_intent", payment_intent: paymentIntent }, amount_paid: invoice.totalMinor, currency: "gbp", status: "paid" });
/** charge.refunded as current API versions send it: the charge names its PaymentIntent, not its invoice. */
const refundEvent = (id: string, invoice: Issued, paymentIntent: string, created: number, object: Record<string, unknown> = {}) =>
  envelope(id, "charge.refunded", created, { id: `ch_${invoice.id}`, object: "charge", payment_intent: paymentIntent, amount: invoice.totalMinor, amount_refunded: invoice.totalMinor, currency: "gbp", metadata: {}, ...object });

describe("Stripe, through the SDK against a local recording server", () => {
  it("creates the customer, the invoice, its lines and finalises it, each with an idempotency key; a retry repeats the same keys", async () => {
    const { invoice, applicant } = await issuedInvoice();
    const stripe = await startRecordingStripe({ failFinalizeTimes: 1 });
    try {
      const client = stripeClient("sk_test_lodestone", stripe.url);
      expect(await syncInvoicesToStripe(db, client)).toBe(0);
      const failed = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
      expect(failed).toMatchObject({ stripeSyncedAt: null, stripeAttempts: 1, stripeLastError: expect.stringContaining("no email address") });

      expect(await syncInvoicesToStripe(db, client)).toBe(1);
      const synced = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
      const stripeInvoiceId = synced.stripeInvoiceId!;
      expect(stripeInvoiceId).toMatch(/^in_[0-9a-f]{14}$/);
      expect(synced.stripeHostedUrl).toBe(`https://invoice.stripe.test/i/${stripeInvoiceId}`);
      expect(synced.stripeSyncedAt).not.toBeNull();

      const paths = stripe.requests.map((r) => `${r.method} ${r.path.replace(stripeInvoiceId, "ID")}`);
      // First attempt: customer, invoice, 3 lines (beam time, samples, subsidy) + VAT, finalise (refused). Second: the customer is known.
      expect(paths).toEqual([
        "POST /v1/customers", "POST /v1/invoices", "POST /v1/invoiceitems", "POST /v1/invoiceitems", "POST /v1/invoiceitems", "POST /v1/invoiceitems", "POST /v1/invoices/ID/finalize",
        "POST /v1/invoices", "POST /v1/invoiceitems", "POST /v1/invoiceitems", "POST /v1/invoiceitems", "POST /v1/invoiceitems", "POST /v1/invoices/ID/finalize",
      ]);
      const customer = stripe.requests[0]!;
      expect(customer.idempotencyKey).toBe(`lodestone-customer-${applicant.memberships[0]!.organisationId}`);
      expect(customer.body.get("metadata[lodestoneOrganisationId]")).toBe(applicant.memberships[0]!.organisationId);
      const created = stripe.requests[1]!;
      expect(created.idempotencyKey).toBe(`lodestone-invoice-${invoice.id}`);
      expect(Object.fromEntries(["customer", "currency", "collection_method", "metadata[lodestoneInvoiceId]"].map((k) => [k, created.body.get(k)]))).toEqual({ customer: (await db.organisation.findUniqueOrThrow({ where: { id: applicant.memberships[0]!.organisationId } })).stripeCustomerId, currency: "gbp", collection_method: "send_invoice", "metadata[lodestoneInvoiceId]": invoice.id });
      const items = stripe.requests.slice(2, 6);
      expect(items.map((r) => Number(r.body.get("amount")))).toEqual([1_920_000, 45_000, -1_473_750, 98_250]);
      expect(items.reduce((n, r) => n + Number(r.body.get("amount")), 0)).toBe(invoice.totalMinor);
      // The retry uses exactly the same keys, so Stripe returns what it made the first time instead of making it again.
      expect(stripe.requests.slice(7).map((r) => r.idempotencyKey)).toEqual(stripe.requests.slice(1, 7).map((r) => r.idempotencyKey));
      expect(new Set(stripe.requests.map((r) => r.idempotencyKey)).size).toBe(7);

      // Nothing left to do: a third run calls nothing.
      expect(await syncInvoicesToStripe(db, client)).toBe(0);
      expect(stripe.requests).toHaveLength(13);
    } finally {
      await stripe.close();
    }
  });
});

describe("the Stripe webhook", () => {
  it("applies each event once, delivered three times each and out of order: paid, a late failure, then a refund", async () => {
    const { invoice } = await issuedInvoice();
    await inStripe(invoice);
    const t = Math.floor(Date.now() / 1000);
    const failed = invoiceEvent(`evt_failed_${invoice.id}`, "invoice.payment_failed", invoice, t);
    const paid = invoiceEvent(`evt_paid_${invoice.id}`, "invoice.paid", invoice, t + 60);
    const refunded = refundEvent(`evt_refund_${invoice.id}`, invoice, `pi_${invoice.id}`, t + 120);
    await webhook(signed(invoicePaymentEvent(`evt_inpay_${invoice.id}`, invoice, `pi_${invoice.id}`, t + 60)));
    const order = [paid, paid, failed, refunded, paid, failed, refunded, failed, refunded];
    const states: string[] = [];
    for (const event of order) {
      const response = await webhook(signed(event));
      expect(response.status).toBe(200);
      states.push((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).paymentState);
    }
    expect(states).toEqual(["PAID", "PAID", "PAID", "REFUNDED", "REFUNDED", "REFUNDED", "REFUNDED", "REFUNDED", "REFUNDED"]);
    expect(await db.stripeEvent.count({ where: { invoiceId: invoice.id } })).toBe(3);
    const changes = await db.auditEvent.findMany({ where: { entityId: invoice.id, action: "invoice.payment_updated" }, orderBy: { at: "asc" } });
    expect(changes.map((c) => (c.summary as { after: { paymentState: string } }).after.paymentState)).toEqual(["PAID", "REFUNDED"]);
    expect(await db.outboxMessage.count({ where: { dedupeKey: { contains: `:invoice-payment:${invoice.id}:` } } })).toBe(2);
  });

  it("a failure then the retried payment: failed, then paid; the same event three times at once changes the invoice once", async () => {
    const { invoice } = await issuedInvoice();
    await inStripe(invoice);
    const t = Math.floor(Date.now() / 1000);
    await webhook(signed(invoiceEvent(`evt_f_${invoice.id}`, "invoice.payment_failed", invoice, t)));
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).paymentState).toBe("PAYMENT_FAILED");
    const paid = invoiceEvent(`evt_p_${invoice.id}`, "invoice.paid", invoice, t + 60);
    const responses = await Promise.all([webhook(signed(paid)), webhook(signed(paid)), webhook(signed(paid))]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await Promise.all(responses.map((r) => r.json()))).map((b) => b.outcome).sort()).toEqual(["applied", "duplicate", "duplicate"]);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).paymentState).toBe("PAID");
    expect(await db.auditEvent.count({ where: { entityId: invoice.id, action: "invoice.payment_updated" } })).toBe(2);
  });

  it("marks an invoice paid only for the Stripe invoice the portal issued, for its whole amount in its currency", async () => {
    const { invoice } = await issuedInvoice();
    await inStripe(invoice);
    const t = Math.floor(Date.now() / 1000);
    const outcome = async (event: Record<string, unknown>) => (await (await webhook(signed(event))).json()).outcome;
    const state = async () => (await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).paymentState;
    // Another Stripe invoice that merely carries our id in its metadata (anyone with the account can set metadata).
    expect(await outcome(invoiceEvent(`evt_meta_${invoice.id}`, "invoice.paid", invoice, t, { id: "in_someone_else" }))).toBe("ignored");
    expect(await outcome(invoiceEvent(`evt_less_${invoice.id}`, "invoice.paid", invoice, t, { total: invoice.totalMinor - 1, amount_paid: invoice.totalMinor - 1 }))).toBe("ignored");
    expect(await outcome(invoiceEvent(`evt_part_${invoice.id}`, "invoice.paid", invoice, t, { amount_paid: 100 }))).toBe("ignored");
    expect(await outcome(invoiceEvent(`evt_eur_${invoice.id}`, "invoice.paid", invoice, t, { currency: "eur" }))).toBe("ignored");
    expect(await state()).toBe("UNPAID");
    expect(await outcome(invoiceEvent(`evt_ok_${invoice.id}`, "invoice.paid", invoice, t))).toBe("applied");
    expect(await state()).toBe("PAID");
  });

  it("a refund finds its invoice through the PaymentIntent that paid it (current API versions) or the charge's invoice (older ones); partial or unknown refunds change nothing", async () => {
    const { invoice } = await issuedInvoice();
    await inStripe(invoice);
    const t = Math.floor(Date.now() / 1000);
    const outcome = async (event: Record<string, unknown>) => (await (await webhook(signed(event))).json()).outcome;
    const state = async () => (await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).paymentState;
    expect(await outcome(invoiceEvent(`evt_paid2_${invoice.id}`, "invoice.paid", invoice, t))).toBe("applied");
    expect(await outcome(invoicePaymentEvent(`evt_inpay2_${invoice.id}`, invoice, `pi_${invoice.id}`, t))).toBe("applied");
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).stripePaymentIntentId).toBe(`pi_${invoice.id}`);
    expect(await outcome(refundEvent(`evt_r_other_${invoice.id}`, invoice, "pi_someone_else", t + 1, { metadata: { lodestoneInvoiceId: invoice.id } }))).toBe("ignored");
    expect(await outcome(refundEvent(`evt_r_part_${invoice.id}`, invoice, `pi_${invoice.id}`, t + 1, { amount_refunded: 1_000 }))).toBe("ignored");
    expect(await outcome(refundEvent(`evt_r_eur_${invoice.id}`, invoice, `pi_${invoice.id}`, t + 1, { currency: "eur" }))).toBe("ignored");
    expect(await state()).toBe("PAID");
    expect(await outcome(refundEvent(`evt_r_ok_${invoice.id}`, invoice, `pi_${invoice.id}`, t + 2))).toBe("applied");
    expect(await state()).toBe("REFUNDED");

    // An older API version's charge names the invoice itself.
    const { invoice: older } = await issuedInvoice();
    await inStripe(older);
    expect(await outcome(invoiceEvent(`evt_paid3_${older.id}`, "invoice.paid", older, t))).toBe("applied");
    expect(await outcome(refundEvent(`evt_r_old_${older.id}`, older, "pi_not_recorded", t + 1, { invoice: stripeIdOf(older) }))).toBe("applied");
    expect((await db.invoice.findUniqueOrThrow({ where: { id: older.id } })).paymentState).toBe("REFUNDED");
  });

  it("refuses a forged signature, a missing one and a tampered body, and changes nothing", async () => {
    const { invoice } = await issuedInvoice();
    const event = invoiceEvent(`evt_forged_${invoice.id}`, "invoice.paid", invoice, Math.floor(Date.now() / 1000));
    expect((await webhook(signed(event, "whsec_someone_else"))).status).toBe(400);
    expect((await webhook(new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body: JSON.stringify(event) }))).status).toBe(400);
    const tampered = signed(event);
    const body = (await tampered.text()).replace('"invoice.paid"', '"invoice.paid" ');
    expect((await webhook(new Request(tampered.url, { method: "POST", body, headers: tampered.headers }))).status).toBe(400);
    expect(await db.stripeEvent.count({ where: { id: event.id } })).toBe(0);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).paymentState).toBe("UNPAID");
  });
});

describe("syncs that stopped after their last attempt", () => {
  it("the last failed attempt puts the invoice on its facility's staff screen; Retry resets it once, audited, and the job then syncs it", async () => {
    const { w, invoice, applicant } = await issuedInvoice();
    // Nine failures already; the tenth is the last the job makes.
    await db.invoice.update({ where: { id: invoice.id }, data: { stripeAttempts: 9, stripeLastError: "earlier failure" } });
    const stripe = await startRecordingStripe({ failFinalizeTimes: 1 });
    try {
      const client = stripeClient("sk_test_lodestone", stripe.url);
      expect(await syncInvoicesToStripe(db, client)).toBe(0);
      const staff = callerFor(w.staff).billing;
      const stopped = await staff.stoppedStripeSyncs();
      expect(stopped).toEqual([expect.objectContaining({ id: invoice.id, number: invoice.number, payer: applicant.memberships[0]!.organisationName, totalMinor: 589_500, stripeAttempts: 10, stripeLastError: expect.stringContaining("no email address"), stripeLastAttemptAt: expect.any(Date) })]);
      // Stopped: the job leaves it alone until someone retries.
      expect(await syncInvoicesToStripe(db, client)).toBe(0);
      const callsBefore = stripe.requests.length;

      // Confidentiality: another facility's staff neither see nor retry it; the payer has no such screen.
      const otherStaff = callerFor(await createMember(db, "FACILITY_STAFF"));
      expect((await otherStaff.billing.stoppedStripeSyncs()).map((i) => i.id)).not.toContain(invoice.id);
      await expect(otherStaff.billing.retryStripeSync({ invoiceId: invoice.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(callerFor(applicant).billing.retryStripeSync({ invoiceId: invoice.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(callerFor(applicant).billing.stoppedStripeSyncs()).rejects.toMatchObject({ code: "FORBIDDEN" });

      // Two clicks on Retry: one reset, one audit row; the second is told the job is trying again.
      const results = await Promise.allSettled([staff.retryStripeSync({ invoiceId: invoice.id }), staff.retryStripeSync({ invoiceId: invoice.id })]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT", message: `${invoice.number} has not stopped: the job is still trying (attempt 0 of 10).` } });
      const audits = await db.auditEvent.findMany({ where: { entityId: invoice.id, action: "invoice.stripe_sync_retried" } });
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorId: w.staff.userId, summary: { before: { stripeAttempts: 10 }, after: { stripeAttempts: 0 } } });
      expect(await staff.stoppedStripeSyncs()).toEqual([]);

      expect(await syncInvoicesToStripe(db, client)).toBe(1);
      expect(stripe.requests.length).toBeGreaterThan(callsBefore);
      await expect(staff.retryStripeSync({ invoiceId: invoice.id })).rejects.toMatchObject({ code: "CONFLICT", message: `${invoice.number} is already in Stripe; there is nothing to retry.` });
    } finally {
      await stripe.close();
    }
  });
});
