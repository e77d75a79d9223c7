import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { asUser, database, expectAccessible, screenshot } from "./support/fixtures";

// The seeded Okement request on S07 (SME route), awaiting the industrial office's decision.
const requestId = "demo-request-okement-spodumene-liberation";
const office = "rachel.whitcombe@severn-light-source.example";
const sme = "amara.okafor@okement-lithium.example";
const funder = "gareth.llewellyn@cmi-trust.example";

/** The run itself: six confirmed shifts on S07 that ended yesterday (what the calendar holds after the beam time). */
async function recordTheRun() {
  const db = database();
  const { rows } = await db.query<{ endstationId: string; createdById: string }>(`SELECT e."endstationId", r."createdById" FROM "AccessRequestEndstation" e JOIN "AccessRequest" r ON r.id = e."requestId" WHERE e."requestId" = $1`, [requestId]);
  const endsAt = new Date(Date.now() - 24 * 3_600_000);
  await db.query(
    `INSERT INTO "Booking" (id, reference, "endstationId", kind, state, "startsAt", "endsAt", shifts, "requestId", title, "createdById", "updatedAt") VALUES ($1, $2, $3, 'REQUEST', 'CONFIRMED', $4, $5, 6, $6, 'Okement run', $7, now())`,
    [`e2e-run-${Date.now()}`, `E2E-${Date.now()}`, rows[0]!.endstationId, new Date(endsAt.getTime() - 48 * 3_600_000), endsAt, requestId, rows[0]!.createdById],
  );
}

test("an approved SME request is quoted, run, invoiced and paid, and the funder's ledger shows the spend", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  // ---- approval makes the quote and reserves the subsidy
  const officePage = await asUser(browser, office);
  await officePage.goto(`/requests/${requestId}`);
  await officePage.getByLabel("Shifts granted").fill("6");
  await officePage.getByLabel("Note to the applicant").fill("Approved at the SME rate.");
  await officePage.getByRole("button", { name: "Approve" }).click();
  await expect(officePage.locator("#billing").getByText(/^Quote Q-SLS-\d{2}-\d{4}$/).first()).toBeVisible();

  // ---- the SME sees full cost, subsidy and what it pays, and gives its purchase order
  const smePage = await asUser(browser, sme);
  await smePage.goto(`/requests/${requestId}`);
  const quote = smePage.locator("#billing");
  const table = quote.getByRole("table", { name: /^Quote Q-SLS/ });
  // 6 × £3,200 + 16 samples × £45 = £19,920; 75 % subsidy £14,940; net £4,980; VAT £996; total £5,976.
  await expect(table.getByRole("row", { name: /^Full cost/ })).toContainText("£19,920.00");
  await expect(table.getByRole("row", { name: /^SME subsidy, 75 %/ })).toContainText("-£14,940.00");
  await expect(table.getByRole("row", { name: /^Total due/ })).toContainText("£5,976.00");
  await quote.getByRole("button", { name: "Save payment terms" }).click();
  await expect(quote.getByText("Enter your purchase order number")).toBeVisible();
  await quote.getByLabel("Purchase order number").fill("PO-OKE-2027-014");
  await quote.getByRole("button", { name: "Save payment terms" }).click();
  await expect(quote.getByRole("status")).toHaveText("Saved");
  await expectAccessible(smePage);
  await screenshot(smePage, testInfo, "billing-quote-sme");

  // ---- after the run, the facility invoices the shifts used
  await recordTheRun();
  await officePage.reload();
  const invoiceForm = officePage.getByRole("form", { name: "Issue the invoice" });
  await expect(officePage.getByText("6 shifts used.")).toBeVisible();
  await invoiceForm.getByLabel("Sample preparation (samples)").fill("-2");
  await invoiceForm.getByRole("button", { name: "Issue the invoice" }).click();
  await expect(invoiceForm.getByText("A quantity cannot be negative.")).toBeVisible();
  await invoiceForm.getByLabel("Sample preparation (samples)").fill("16");
  await invoiceForm.getByRole("button", { name: "Issue the invoice" }).click();
  await expect(officePage.getByRole("heading", { name: /^Invoice SLS-\d{5}$/ })).toBeVisible();
  const invoiceId = officePage.url().split("/invoices/")[1]!;
  await expect(officePage.getByRole("table", { name: /^Lines of SLS-/ }).getByRole("row", { name: /^Total due/ })).toContainText("£5,976.00");
  await expect(officePage.getByText("Unpaid", { exact: true })).toBeVisible();
  await screenshot(officePage, testInfo, "billing-invoice-issued");

  // ---- Stripe tells the portal the invoice is paid (a signed test webhook), twice: it counts once
  // The portal accepts payment only for the Stripe invoice it issued, for the whole total in its currency:
  // stand in for the sync job (no Stripe here) by giving the invoice its Stripe id.
  const stripeInvoiceId = `in_e2e_${invoiceId}`;
  await database().query(`UPDATE "Invoice" SET "stripeInvoiceId" = $2, "stripeSyncedAt" = now() WHERE id = $1`, [invoiceId, stripeInvoiceId]);
  const paidInvoice = { id: stripeInvoiceId, object: "invoice", total: 597_600, amount_paid: 597_600, currency: "gbp", metadata: { lodestoneInvoiceId: invoiceId } };
  const payload = JSON.stringify({ id: `evt_e2e_${invoiceId}`, object: "event", type: "invoice.paid", created: Math.floor(Date.now() / 1000), api_version: "2025-03-31.basil", livemode: false, pending_webhooks: 1, request: null, data: { object: paidInvoice } });
  for (let i = 0; i < 2; i++) {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_lodestone_e2e" });
    const response = await smePage.request.post("/api/webhooks/stripe", { data: payload, headers: { "stripe-signature": signature, "content-type": "application/json" } });
    expect(response.status()).toBe(200);
    expect((await response.json()).outcome).toBe(i === 0 ? "applied" : "duplicate");
  }
  const forged = await smePage.request.post("/api/webhooks/stripe", { data: payload.replace("invoice.paid", "invoice.payment_failed"), headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_forged" }), "content-type": "application/json" } });
  expect(forged.status()).toBe(400);

  await smePage.goto("/invoices");
  const row = smePage.getByRole("row", { name: /SLS-\d{5}/ }).first();
  await expect(row).toContainText("Paid");
  await expect(row).toContainText("£5,976.00");
  await smePage.getByRole("link", { name: /^Paid \(\d+\)$/ }).click();
  await expect(smePage).toHaveURL(/state=PAID/);
  await screenshot(smePage, testInfo, "billing-invoices-paid");

  // ---- the funder's ledger shows the spend, per SME and per demonstrator
  const funderPage = await asUser(browser, funder);
  await funderPage.getByRole("link", { name: "Subsidy ledger" }).first().click();
  await expect(funderPage.getByRole("heading", { name: /subsidy ledger/ })).toBeVisible();
  const perSme = funderPage.getByRole("table", { name: "Subsidy per SME" }).getByRole("row", { name: /Okement Lithium/ });
  await expect(perSme).toContainText("£14,940.00");
  await expect(funderPage.getByRole("table", { name: "Subsidy per demonstrator" }).getByRole("row", { name: /Dartmoor aplite/ })).toContainText("£14,940.00");
  const csv = await funderPage.request.get(await funderPage.getByRole("link", { name: "Download CSV" }).getAttribute("href") as string);
  expect(await csv.text()).toMatch(/spent,Okement Lithium Exploration Ltd,Dartmoor aplite[^\n]*,1494000,GBP/);
  await expectAccessible(funderPage);
  await screenshot(funderPage, testInfo, "billing-funder-ledger");
});
