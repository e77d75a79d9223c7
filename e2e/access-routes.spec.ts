import { expect, test } from "@playwright/test";
import { demoAccountFor, expectAccessible, screenshot, signInAs, signInWithPassword } from "./support/fixtures";

test("a facility admin changes the rapid-access route and applicants see the new decision target", async ({ page, browser }, testInfo) => {
  await signInAs(page, "FACILITY_ADMIN");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Access routes" }).click();
  await expect(page.getByRole("heading", { name: "Access routes and calls" })).toBeVisible();
  const rapid = page.getByRole("form", { name: /Settings of Rapid/ }).first();
  // Whatever it was before, change it so the save is real.
  const target = (await rapid.getByLabel("Decision target (days)").inputValue()) === "4" ? "6" : "4";
  await rapid.getByLabel("Decision target (days)").fill("0");
  await rapid.getByRole("button", { name: "Save route" }).click();
  await expect(rapid.getByText("At least 1 day.")).toBeVisible();
  await rapid.getByLabel("Decision target (days)").fill(target);
  await rapid.getByRole("button", { name: "Save route" }).click();
  await expect(rapid.getByRole("status")).toHaveText("Saved");
  await expectAccessible(page);
  await screenshot(page, testInfo, "admin-access-routes");

  await page.reload();
  await expect(page.getByRole("form", { name: /Settings of Rapid/ }).first().getByLabel("Decision target (days)")).toHaveValue(target);

  const applicant = await (await browser.newContext()).newPage();
  await signInWithPassword(applicant, demoAccountFor("APPLICANT").email);
  await expect(applicant.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await applicant.goto("/requests/new");
  await applicant.getByRole("radio", { name: "Severn Light Source" }).check();
  await expect(applicant.getByText(/Rapid/).first()).toBeVisible();
  await expect(applicant.getByText(`Decision within ${target} days`)).toBeVisible();
});
