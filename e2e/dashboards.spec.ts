import { expect, test } from "@playwright/test";
import type { Role } from "../server/generated/prisma/enums";
import { expectAccessible, screenshot, signInAs } from "./support/fixtures";

/** Each seeded role signs in and sees its own dashboard: what needs them first, then their figures. */
const journeys: { role: Role; sees: string[]; navigation: string[]; hidden: string[] }[] = [
  { role: "APPLICANT", sees: ["Your access requests", "New access request", "Okement Lithium Exploration Ltd", "Qualifies as SME"], navigation: ["Dashboard", "Access requests", "Invoices", "Facilities", "My organisations"], hidden: ["Audit log", "All organisations", "Receipt desk"] },
  { role: "CONSORTIUM_LEAD", sees: ["Consortia", "Cornubian Critical Minerals Imaging Consortium", "Lead"], navigation: ["Dashboard", "My organisations"], hidden: ["Audit log"] },
  { role: "CONSORTIUM_MEMBER", sees: ["Consortia", "member organisations"], navigation: ["Dashboard"], hidden: ["Audit log"] },
  { role: "FACILITY_STAFF", sees: ["Needs you now", "requests in review", "LDS-", "Severn Light Source · Europe/London", "XRF-CT"], navigation: ["Dashboard", "Access requests", "Receipt desk", "Runs", "Invoices"], hidden: ["Audit log", "All organisations", "Rates"] },
  { role: "FACILITY_ADMIN", sees: ["Severn Light Source · Europe/London", "Team"], navigation: ["Access requests", "Access routes", "Rates", "Agreement templates", "Audit log"], hidden: ["All organisations"] },
  { role: "FUNDER", sees: ["Digital Ore Translational Demonstrators", "Demonstrators", "pilot-plant decision due", "Counts only"], navigation: ["Dashboard", "Programmes"], hidden: ["Audit log", "Access requests", "Invoices", "Runs"] },
  { role: "PLATFORM_ADMIN", sees: ["Platform", "Organisations", "Emails failed", "Latest activity"], navigation: ["Audit log", "All organisations"], hidden: [] },
];

for (const journey of journeys) {
  test(`${journey.role.toLowerCase().replace("_", " ")} signs in and sees their dashboard`, async ({ page }, testInfo) => {
    const account = await signInAs(page, journey.role);
    await expect(page).toHaveTitle("Dashboard · Lodestone");
    const main = page.getByRole("main");
    for (const text of journey.sees) await expect(main.getByText(text, { exact: false }).first()).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of journey.navigation) await expect(nav.getByRole("link", { name: link })).toBeVisible();
    for (const link of journey.hidden) await expect(nav.getByRole("link", { name: link })).toHaveCount(0);
    await expect(page.getByRole("banner").getByText(account.name)).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, testInfo, `dashboard-${journey.role.toLowerCase()}`);
  });
}

test("the dashboard works at tablet width", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 820, height: 1180 });
  await signInAs(page, "FACILITY_ADMIN");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, testInfo, "dashboard-tablet-facility-admin");
});
