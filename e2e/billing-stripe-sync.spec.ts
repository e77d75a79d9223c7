import { expect, test } from "@playwright/test";
import { asUser, database, expectAccessible, screenshot } from "./support/fixtures";

const staff = "owain.rees@severn-light-source.example";
const otherFacilityStaff = "katrin.vogel@erzgebirge-ct.example";
const payer = "amara.okafor@okement-lithium.example";

/**
 * An issued Severn Light Source invoice to Okement whose Stripe sync failed
 * its last attempt (what the sync job leaves behind when Stripe keeps
 * refusing it), on a request of its own so no other journey touches it.
 */
async function stoppedInvoice() {
  const db = database();
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { rows: [facility] } = await db.query<{ id: string; routeId: string }>(`SELECT f.id, r.id AS "routeId" FROM "Facility" f JOIN "AccessRoute" r ON r."facilityId" = f.id AND r.kind = 'SME_INDUSTRIAL' WHERE f.code = 'SLS'`);
  const { rows: [sme] } = await db.query<{ userId: string; organisationId: string }>(`SELECT u.id AS "userId", m."organisationId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1`, [payer]);
  const { rows: [author] } = await db.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [staff]);
  const requestId = `e2e-stopped-sync-request-${suffix}`;
  const quoteId = `e2e-stopped-sync-quote-${suffix}`;
  const invoiceId = `e2e-stopped-sync-invoice-${suffix}`;
  const number = `SLS-E2E-${suffix}`;
  await db.query(
    `INSERT INTO "AccessRequest" (id, reference, "facilityId", "routeId", "organisationId", "createdById", state, version, content, title, "allocatedShifts", "submittedAt", "firstSubmittedAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, 'APPROVED', 1, '{}'::jsonb, 'Stopped Stripe sync journey', 1, now(), now(), now())`,
    [requestId, `LDS-E2E-${suffix}`, facility!.id, facility!.routeId, sme!.organisationId, sme!.userId],
  );
  await db.query(
    `INSERT INTO "Quote" (id, reference, "requestId", "facilityId", "organisationId", currency, rates, lines, units, "fullCostMinor", "subsidyMinor", "waivedMinor", "netMinor", "vatMinor", "totalMinor", "vatBasisPoints", "paymentTerms", state, "createdById") VALUES ($1, $2, $3, $4, $5, 'GBP', '{}'::jsonb, '[]'::jsonb, 1, 320000, 0, 0, 320000, 64000, 384000, 2000, 'PURCHASE_ORDER', 'INVOICED', $6)`,
    [quoteId, `Q-E2E-${suffix}`, requestId, facility!.id, sme!.organisationId, author!.id],
  );
  await db.query(
    `INSERT INTO "Invoice" (id, "facilityId", sequence, number, kind, "requestId", "quoteId", "organisationId", currency, lines, "fullCostMinor", "subsidyMinor", "waivedMinor", "netMinor", "vatMinor", "totalMinor", "issuedAt", "dueAt", "createdById", "paymentInstructions", "stripeAttempts", "stripeLastError", "stripeLastAttemptAt")
     VALUES ($1, $2, $3, $4, 'INVOICE', $5, $6, $7, 'GBP', $8::jsonb, 320000, 0, 0, 320000, 64000, 384000, now() - interval '2 days', now() + interval '28 days', $9, 'Sort code 00-00-00, account 12345678', 10, 'Simulated: the customer has no email address', now() - interval '1 hour')`,
    // A sequence far above the facility's counter, so the portal's own numbering is untouched.
    [invoiceId, facility!.id, 900_000 + Math.floor(Math.random() * 99_999), number, requestId, quoteId, sme!.organisationId, JSON.stringify([{ label: "Beam time (shifts)", quantity: 1, unitPriceMinor: 320000, amountMinor: 320000 }]), author!.id],
  );
  return { invoiceId, number };
}

test("staff see an invoice whose Stripe sync stopped, with Stripe's error, and retry it; other facilities and the payer do not", async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const { invoiceId, number } = await stoppedInvoice();

  // ---- the invoices list says how many stopped, and links to them
  const staffPage = await asUser(browser, staff);
  await staffPage.goto("/invoices");
  const notice = staffPage.getByRole("status").filter({ hasText: /not in Stripe/ });
  await expect(notice).toContainText(/\d+ invoices? not in Stripe/);
  await notice.getByRole("link", { name: /See the errors and retry \(\d+\)/ }).click();
  await expect(staffPage).toHaveURL(/\/invoices\/stripe-sync$/);
  await expect(staffPage.getByRole("heading", { name: "Stopped Stripe syncs", level: 1 })).toBeVisible();

  // ---- the row: number, payer, total, attempts, last error, when
  const row = staffPage.getByRole("row", { name: new RegExp(number) });
  await expect(row).toContainText("Okement Lithium");
  await expect(row).toContainText("£3,840.00");
  await expect(row).toContainText("10");
  await expect(row).toContainText("the customer has no email address");
  await expectAccessible(staffPage);
  await screenshot(staffPage, testInfo, "billing-stripe-sync-stopped");

  // ---- another facility's staff and the payer never see it
  const otherPage = await asUser(browser, otherFacilityStaff);
  await otherPage.goto("/invoices/stripe-sync");
  await expect(otherPage.getByRole("heading", { name: "Stopped Stripe syncs", level: 1 })).toBeVisible();
  await expect(otherPage.getByText(number)).toHaveCount(0);
  const payerPage = await asUser(browser, payer);
  await payerPage.goto("/invoices/stripe-sync");
  await expect(payerPage.getByText("For facility staff")).toBeVisible();
  await expect(payerPage.getByText(number)).toHaveCount(0);

  // ---- Retry: the attempts start again (audited) and the row goes
  await row.getByRole("button", { name: `Retry ${number}` }).click();
  await expect(staffPage.getByRole("row", { name: new RegExp(number) })).toHaveCount(0);
  const db = database();
  const { rows: [invoice] } = await db.query<{ stripeAttempts: number }>(`SELECT "stripeAttempts" FROM "Invoice" WHERE id = $1`, [invoiceId]);
  // The job may already have tried again (with a Stripe key set): either way it is trying, not stopped.
  expect(invoice!.stripeAttempts).toBeLessThan(10);
  const { rows: audits } = await db.query(`SELECT 1 FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'invoice.stripe_sync_retried'`, [invoiceId]);
  expect(audits).toHaveLength(1);
  await screenshot(staffPage, testInfo, "billing-stripe-sync-retried");
});
