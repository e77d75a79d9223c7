import { expect, test, type Page } from "@playwright/test";
import { asUser, expectAccessible, latestMailTo, screenshot } from "./support/fixtures";

// The seeded EBMC block on ECI's CT1 has no consortium agreement yet. Its
// members: Lindqvist Cell Recycling (lead), Caledon Hardrock, Lanthan
// Geoscience and Westcountry University; the facility signs too.
const lead = "anders.holm@lindqvist-cell.example";
const caledon = "fiona.macleod@caledon-hardrock.example";
const lanthan = "mikkel.sorensen@lanthan-geoscience.example";
const reason = "Clause 2 would let other members reuse our rare-earth assay data; we need a carve-out for client data first.";

async function sign(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.getByLabel("Type your full name to sign").fill(name);
  await page.getByRole("checkbox", { name: /I have read this agreement/ }).check();
  await page.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(page.getByText(`Signed by ${name}`)).toBeVisible();
}

test("a consortium agreement for the block: two members sign, one declines with a reason, and the lead sees who and why", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const leadPage = await asUser(browser, lead);
  await leadPage.goto("/consortia");
  const panel = leadPage.getByRole("region", { name: "Consortium agreement" }).filter({ has: leadPage.getByRole("button", { name: /consortium agreement/ }) }).first();
  await expect(panel).toBeVisible();
  // A first run finds it unsent; a later run against the same database finds the last one declined.
  await panel.getByRole("button", { name: /^Send (the|a new) consortium agreement/ }).click();
  await expect(leadPage.getByRole("heading", { name: /AGR-\d{2}-\d{4}: Consortium block agreement/ })).toBeVisible();
  const url = leadPage.url();
  await expect(leadPage.getByLabel("Agreement text")).toContainText("Lindqvist");
  await expect(leadPage.getByLabel("Agreement text")).toContainText("Erzgebirge Core Imaging Centre");

  // Each member's signatory is asked by email.
  const asked = await latestMailTo(caledon, "is waiting for your signature");
  expect(asked.text).toContain("EBMC's block on CT1");

  await sign(leadPage, url, "Anders Holm");
  const caledonPage = await asUser(browser, caledon);
  await sign(caledonPage, url, "Fiona MacLeod");

  const lanthanPage = await asUser(browser, lanthan);
  await lanthanPage.goto(url);
  await lanthanPage.getByRole("button", { name: "Decline…" }).click();
  await lanthanPage.getByLabel(/Why/).fill("Too short");
  await lanthanPage.getByRole("button", { name: "Decline the agreement" }).click();
  await expect(lanthanPage.getByText(/at least 10 characters/)).toBeVisible();
  await lanthanPage.getByLabel(/Why/).fill(reason);
  await lanthanPage.getByRole("button", { name: "Decline the agreement" }).click();
  await expect(lanthanPage.getByText("Declined", { exact: true }).first()).toBeVisible();

  // The lead sees who signed, who declined and why, and that sessions stay closed.
  await leadPage.goto("/consortia");
  const ebmc = leadPage.getByRole("region", { name: "Consortium agreement" }).filter({ hasText: "Lanthan" });
  await expect(ebmc.getByText("Declined", { exact: true })).toBeVisible();
  await expect(ebmc.getByRole("list", { name: "Declined by" })).toContainText(`Lanthan Geoscience ApS declined: ${reason}`);
  await expect(ebmc).toContainText(/signed by .*Lindqvist.*Caledon/);
  await expect(ebmc.getByRole("button", { name: "Send a new consortium agreement" })).toBeVisible();
  await expectAccessible(leadPage);
  await ebmc.scrollIntoViewIfNeeded();
  await screenshot(leadPage, testInfo, "consortium-agreement-declined");

  // Nobody can sign a declined agreement.
  const helen = await asUser(browser, "helen.tregear@westcountry-university.example");
  await helen.goto(url);
  await expect(helen.getByRole("button", { name: "Sign the agreement" })).toHaveCount(0);
  await expect(helen.getByText(new RegExp(`Declined: ${reason.slice(0, 30)}`))).toBeVisible();
});
