import { expect, test } from "@playwright/test";
import { database, demoAccountFor, expectAccessible, screenshot, signInAs } from "./support/fixtures";

test("a platform admin filters the audit log, and the filter is in a shareable URL", async ({ page }, testInfo) => {
  await signInAs(page, "PLATFORM_ADMIN");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const table = page.getByRole("table", { name: "Audit events, newest first" });
  await expect(table.getByText("user.signed_in").first()).toBeVisible();

  await page.getByLabel("Action starts with").fill("user.signed_in");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=user.signed_in/);
  await expect(page.getByText(/^\d[\d,]* events?$/)).toBeVisible();
  const actions = await table.locator("tbody tr td:nth-child(3)").allInnerTexts();
  expect(actions.length).toBeGreaterThan(0);
  expect(new Set(actions)).toEqual(new Set(["user.signed_in"]));
  await expectAccessible(page);
  await screenshot(page, testInfo, "audit-log-filtered");

  await page.getByLabel("Action starts with").fill("no.such.action");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No events match these filters")).toBeVisible();
});

/** An audit row about a submitted request at (or not at) the facility, carrying a detail only the request's parties may read. */
async function rowAboutAFacilityRequest(facilityName: string, secret: string, where: "at" | "not at" = "at") {
  const { rows } = await database().query<{ entityId: string }>(
    `INSERT INTO "AuditEvent" (action, "entityType", "entityId", summary)
     SELECT 'access_request.submit', 'AccessRequest', r.id, jsonb_build_object('after', jsonb_build_object('note', $2::text))
     FROM "AccessRequest" r JOIN "Facility" f ON f.id = r."facilityId" JOIN "Organisation" o ON o.id = f."organisationId"
     WHERE ${where === "at" ? "o.name = $1" : "o.name <> $1"} AND r.state <> 'DRAFT' ORDER BY r."createdAt" LIMIT 1
     RETURNING "entityId"`,
    [facilityName, secret],
  );
  return rows[0]!.entityId;
}

test("a platform admin sees the action on another organisation's request, but not its details", async ({ page }, testInfo) => {
  const secret = `PO-E2E-${Date.now().toString(36)}`;
  const requestId = await rowAboutAFacilityRequest(demoAccountFor("FACILITY_ADMIN").organisation, secret);
  await signInAs(page, "PLATFORM_ADMIN");
  await page.goto(`/admin/audit?entityId=${requestId}`);
  const table = page.getByRole("table", { name: "Audit events, newest first" });
  await expect(table.getByText("access_request.submit").first()).toBeVisible();
  await expect(table.getByText("details hidden: you may not read this record").first()).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, testInfo, "audit-log-redacted");
});

test("a facility admin's audit log shows their facility's records, whoever acted, with their details", async ({ page }) => {
  const admin = demoAccountFor("FACILITY_ADMIN");
  const secret = `PO-E2E-${Date.now().toString(36)}`;
  const requestId = await rowAboutAFacilityRequest(admin.organisation, secret);
  await signInAs(page, "FACILITY_ADMIN");
  await page.goto(`/admin/audit?entityId=${requestId}`);
  await expect(page.getByRole("table", { name: "Audit events, newest first" }).getByText(secret)).toBeVisible();

  // Another facility's records are not in this log at all.
  const other = await rowAboutAFacilityRequest(admin.organisation, `${secret}-other`, "not at");
  await page.goto(`/admin/audit?entityId=${other}`);
  await expect(page.getByText("No events match these filters")).toBeVisible();
});
