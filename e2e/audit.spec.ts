import { expect, test } from "@playwright/test";
import { expectAccessible, screenshot, signInAs } from "./support/fixtures";

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

test("a facility admin's audit log shows only their own facility's people", async ({ page }) => {
  const admin = await signInAs(page, "FACILITY_ADMIN");
  await page.goto("/admin/audit");
  const actors = await page.getByRole("table", { name: "Audit events, newest first" }).locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(actors.length).toBeGreaterThan(0);
  const domain = admin.email.split("@")[1];
  for (const actor of actors) expect(actor.endsWith(`@${domain}`), `${actor} is not from ${domain}`).toBe(true);
});
