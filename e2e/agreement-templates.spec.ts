import { expect, test } from "@playwright/test";
import { expectAccessible, screenshot, signInAs, signInWithPassword } from "./support/fixtures";

test("a platform admin writes a new version of a template; an unknown variable is refused beside the terms", async ({ page }, testInfo) => {
  await signInWithPassword(page, "niamh.gallagher@lodestone-platform.example");
  await page.getByRole("navigation").getByRole("link", { name: "Agreement templates" }).click();
  await expect(page.getByRole("heading", { name: "Agreement templates", level: 1 })).toBeVisible();

  const card = page.locator("#template-platform-NON_PROPRIETARY");
  const inUse = Number((await card.getByText(/^Version \d+ in use$/).innerText()).match(/\d+/)![0]);
  await card.getByText(`Write version ${inUse + 1}`).click();
  const form = card.getByRole("form", { name: "New version of the Non-proprietary access template" });
  const terms = form.getByLabel("Terms");
  const original = await terms.inputValue();
  await terms.fill(`${original}\n\nFee: {{cost}}.`);
  await form.getByLabel("What changed").fill("Adds a sentence on fees.");
  await form.getByRole("button", { name: "Save as a new version" }).click();
  await expect(form.getByText(/Unknown variable \{\{cost\}\}/)).toBeVisible();
  await screenshot(page, testInfo, "agreement-template-unknown-variable");

  await terms.fill(`${original}\n\nThe team also deposits its processed volumes with the Digital Ore Database within {{embargoPeriod}}.`);
  await form.getByLabel("What changed").fill("Deposit of processed volumes within the embargo.");
  await form.getByRole("button", { name: "Save as a new version" }).click();
  await expect(form.getByRole("status")).toContainText(`Saved as version ${inUse + 1}`);
  await expect(card.getByText(`Version ${inUse + 1} in use`)).toBeVisible();
  await expect(card.getByRole("table", { name: "Versions of the Non-proprietary access template" }).getByRole("row", { name: new RegExp(`^${inUse + 1} `) })).toContainText("Deposit of processed volumes within the embargo.");
  await expectAccessible(page);
  await screenshot(page, testInfo, "agreement-template-saved");
});

test("a facility admin writes the facility's own SME template, which replaces the platform-wide one for the facility; the platform-wide templates are read-only to them", async ({ page }, testInfo) => {
  await signInAs(page, "FACILITY_ADMIN");
  await page.goto("/admin/agreement-templates");
  const platform = page.getByRole("region", { name: "Platform-wide" });
  await expect(platform.getByText("Kept by platform admins; you can read them.")).toBeVisible();
  await expect(platform.getByText(/^Write /)).toHaveCount(0);

  const facility = page.getByRole("region", { name: "Severn Light Source" });
  const card = facility.locator("[id$='-SME_INDUSTRIAL']");
  const own = card.getByText(/^Version \d+ in use$/);
  const next = (await own.count()) ? Number((await own.innerText()).match(/\d+/)![0]) + 1 : 1;
  if (next === 1) {
    await expect(card.getByText(/^Platform-wide version \d+ in use$/)).toBeVisible();
    await expect(card.getByText(/No template of its own: new agreements use the platform-wide/)).toBeVisible();
    await card.getByText("Write Severn Light Source's own version").click();
  } else {
    await card.getByText(`Write version ${next}`).click();
  }
  const form = card.getByRole("form", { name: "New version of the SME industrial access template" });
  // An SME's data stay with the SME: publishing is not among the choices.
  await expect(form.getByLabel("Data access").locator("option")).toHaveText(["Proprietary: the user's alone", "Facility and funder"]);
  await form.getByLabel("Data access").selectOption("FACILITY_AND_FUNDER");
  await form.getByLabel("What changed").fill("The programme's funder may read the results of subsidised runs.");
  await form.getByRole("button", { name: "Save as a new version" }).click();
  await expect(form.getByRole("status")).toContainText(`Saved as version ${next}`);
  await expect(card.getByText(`Version ${next} in use`)).toBeVisible();
  await expect(card.getByRole("table", { name: "Versions of the SME industrial access template" })).toContainText("The programme's funder may read the results of subsidised runs.");
  await expectAccessible(page);
  await screenshot(page, testInfo, "agreement-template-facility-own");
});
