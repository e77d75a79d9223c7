import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhook } from "../../app/api/webhooks/stripe/route";
import { createSignedAgreement } from "../testing/access-fixtures";
import { callerFor, createMember, testDb } from "../testing/fixtures";
import { startRecordingStripe } from "./stripe/recording-stripe-server";
import { createAwaitingDecision, createBillingWorld } from "./test-world";

const db = testDb();
const secret = "whsec_lodestone_prepayment_test";
const saved: Record<string, string | undefined> = {};
beforeAll(() => {
  for (const key of ["STRIPE_WEBHOOK_SECRET", "STRIPE_SECRET_KEY", "STRIPE_API_BASE"]) saved[key] = process.env[key];
  process.env.STRIPE_WEBHOOK_SECRET = secret;
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key]; else process.env[key] = value;
});

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** An approved SME request (6 shifts, quote £5,895.00) whose payer chose prepayment, with its agreement signed. */
async function onPrepayment(terms: "PREPAYMENT" | "PURCHASE_ORDER" = "PREPAYMENT") {
  const w = await createBillingWorld(db);
  const { request, applicant } = await createAwaitingDecision(db, w);
  await callerFor(w.admin).accessRequests.decide({ requestId: request.id, approve: true, shifts: 6, note: "Approved." });
  await callerFor(applicant).billing.setPaymentTerms({ requestId: request.id, paymentTerms: terms, purchaseOrderNumber: terms === "PURCHASE_ORDER" ? "PO-123" : null });
  await createSignedAgreement(db, w, request, applicant);
  const quote = await db.quote.findUniqueOrThrow({ where: { requestId: request.id } });
  const place = (hold: boolean, day = 40) => callerFor(w.staff).scheduling.place({ requestId: request.id, endstationId: w.endstation.id, date: inDays(day), firstShift: 0, shifts: 1, hold, holdDays: 7, notes: "" });
  return { w, request, applicant, quote, place };
}

const notPaid = (reference: string | null, quote: string) => `${reference} is on prepayment terms and its quote ${quote} is not paid yet.`;

describe("prepayment terms hold up confirmation", () => {
  it("refuses to confirm until staff record the bank transfer (once, audited); holds are allowed meanwhile", async () => {
    const { w, request, applicant, quote, place } = await onPrepayment();
    await expect(place(false)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(notPaid(request.reference, quote.reference)) });
    const held = await place(true);
    await expect(callerFor(w.staff).scheduling.confirm({ bookingId: held.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(notPaid(request.reference, quote.reference)) });
    expect(await db.booking.count({ where: { requestId: request.id, state: "CONFIRMED" } })).toBe(0);

    // Only the facility's staff record payments; other facilities are told the request does not exist.
    await expect(callerFor(applicant).billing.recordBankTransfer({ requestId: request.id, reference: "BACS 4471" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(await createMember(db, "FACILITY_STAFF")).billing.recordBankTransfer({ requestId: request.id, reference: "BACS 4471" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(w.staff).billing.recordBankTransfer({ requestId: request.id, reference: " x " })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const twice = await Promise.allSettled([1, 2].map(() => callerFor(w.staff).billing.recordBankTransfer({ requestId: request.id, reference: "BACS 4471-OKE" })));
    expect(twice.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.quote.findUniqueOrThrow({ where: { id: quote.id } })).toMatchObject({ paidBy: "BANK_TRANSFER", paymentReference: "BACS 4471-OKE", paymentRecordedById: w.staff.userId, paidAt: expect.any(Date) });
    expect(await db.auditEvent.count({ where: { entityId: quote.id, action: "quote.prepaid" } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { dedupeKey: { contains: `quote-prepaid:${quote.id}` } } })).toBe(1);

    await callerFor(w.staff).scheduling.confirm({ bookingId: held.id });
    await expect(place(false, 41)).resolves.toMatchObject({ reference: expect.any(String) });
    // Paid: the terms are settled.
    await expect(callerFor(applicant).billing.setPaymentTerms({ requestId: request.id, paymentTerms: "PURCHASE_ORDER", purchaseOrderNumber: "PO-999" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is paid") });
  });

  it("staff may waive the prepayment with a reason (audited), once; purchase-order terms are never held up", async () => {
    const { w, request, quote, place } = await onPrepayment();
    await expect(callerFor(w.staff).billing.waivePrepayment({ requestId: request.id, reason: "trust" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await callerFor(w.staff).billing.waivePrepayment({ requestId: request.id, reason: "Long-standing customer; the transfer is on its way." });
    await expect(callerFor(w.staff).billing.waivePrepayment({ requestId: request.id, reason: "Long-standing customer; the transfer is on its way." })).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = await db.auditEvent.findMany({ where: { entityId: quote.id, action: "quote.prepayment_waived" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: w.staff.userId, summary: { after: { reason: "Long-standing customer; the transfer is on its way." } } });
    await expect(place(false)).resolves.toMatchObject({ reference: expect.any(String) });
    // Still unpaid: the money can be recorded when it arrives.
    expect((await db.quote.findUniqueOrThrow({ where: { id: quote.id } })).paidAt).toBeNull();

    const po = await onPrepayment("PURCHASE_ORDER");
    await expect(po.place(false)).resolves.toMatchObject({ reference: expect.any(String) });
    await expect(callerFor(po.w.staff).billing.recordBankTransfer({ requestId: po.request.id, reference: "BACS 1" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("not on prepayment terms") });
  });
});

function signed(event: Record<string, unknown>) {
  const payload = JSON.stringify(event);
  return new Request("http://127.0.0.1/api/webhooks/stripe", { method: "POST", body: payload, headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }), "content-type": "application/json" } });
}
const completed = (id: string, session: string, quoteId: string, amount: number) => ({ id, object: "event", type: "checkout.session.completed", created: Math.floor(Date.now() / 1000), api_version: "2025-01-01", livemode: false, pending_webhooks: 1, request: null, data: { object: { id: session, object: "checkout.session", payment_status: "paid", amount_total: amount, currency: "gbp", client_reference_id: quoteId, metadata: { lodestoneQuoteId: quoteId } } } });

describe("paying a prepayment with Stripe Checkout", () => {
  it("the payer opens a Checkout Session for the total (idempotent); checkout.session.completed marks the quote paid exactly once", async () => {
    const { w, request, applicant, quote, place } = await onPrepayment();
    delete process.env.STRIPE_SECRET_KEY;
    await expect(callerFor(applicant).billing.startCheckout({ requestId: request.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Online payment is not set up") });
    const stripe = await startRecordingStripe();
    process.env.STRIPE_SECRET_KEY = "sk_test_lodestone";
    process.env.STRIPE_API_BASE = stripe.url;
    try {
      await expect(callerFor(w.staff).billing.startCheckout({ requestId: request.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      const first = await callerFor(applicant).billing.startCheckout({ requestId: request.id });
      const again = await callerFor(applicant).billing.startCheckout({ requestId: request.id });
      expect(first.url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_[0-9a-f]{14}$/);
      expect(again.url).toBe(first.url);
      expect(stripe.requests.map((r) => `${r.method} ${r.path} ${r.idempotencyKey}`)).toEqual([`POST /v1/checkout/sessions lodestone-checkout-${quote.id}`, `POST /v1/checkout/sessions lodestone-checkout-${quote.id}`]);
      const body = stripe.requests[0]!.body;
      expect(Object.fromEntries(["mode", "line_items[0][price_data][unit_amount]", "line_items[0][price_data][currency]", "line_items[0][quantity]", "metadata[lodestoneQuoteId]", "client_reference_id"].map((k) => [k, body.get(k)]))).toEqual({ mode: "payment", "line_items[0][price_data][unit_amount]": "589500", "line_items[0][price_data][currency]": "gbp", "line_items[0][quantity]": "1", "metadata[lodestoneQuoteId]": quote.id, client_reference_id: quote.id });
      const session = (await db.quote.findUniqueOrThrow({ where: { id: quote.id } })).stripeCheckoutSessionId!;
      expect(await db.auditEvent.count({ where: { entityId: quote.id, action: "quote.checkout_started" } })).toBe(1);

      // Coming back from Stripe is not payment: only the webhook is.
      await expect(place(false)).rejects.toMatchObject({ code: "CONFLICT" });
      // A session for another amount changes nothing.
      expect(await (await webhook(signed(completed(`evt_short_${quote.id}`, session, quote.id, 100)))).json()).toMatchObject({ outcome: "ignored" });
      expect((await db.quote.findUniqueOrThrow({ where: { id: quote.id } })).paidAt).toBeNull();

      const event = completed(`evt_paid_${quote.id}`, session, quote.id, 589_500);
      const responses = await Promise.all([1, 2, 3].map(() => webhook(signed(event))));
      expect((await Promise.all(responses.map((r) => r.json()))).map((b) => b.outcome).sort()).toEqual(["applied", "duplicate", "duplicate"]);
      // Stripe may send a second completion (another event id): still paid once.
      await webhook(signed(completed(`evt_paid_again_${quote.id}`, session, quote.id, 589_500)));
      expect(await db.quote.findUniqueOrThrow({ where: { id: quote.id } })).toMatchObject({ paidBy: "STRIPE_CHECKOUT", paymentReference: session, paidAt: expect.any(Date) });
      expect(await db.auditEvent.count({ where: { entityId: quote.id, action: "quote.prepaid" } })).toBe(1);
      expect(await db.outboxMessage.count({ where: { dedupeKey: { contains: `quote-prepaid:${quote.id}` } } })).toBe(1);

      await expect(place(false)).resolves.toMatchObject({ reference: expect.any(String) });
      await expect(callerFor(applicant).billing.startCheckout({ requestId: request.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already paid") });
    } finally {
      await stripe.close();
    }
  });
});
