import { expect, test } from "@playwright/test";
import { expectAccessible, screenshot, signInWithPassword } from "./support/fixtures";

test("a platform admin writes a new version of a template; an unknown variable is refused beside the terms", async ({ page }, testInfo) => {
  await signInWithPassword(page, "niamh.gallagher@lodestone-platform.example");
  await page.getByRole("navigation").getByRole("link", { name: "Agreement templates" }).click();
  await expect(page.getByRole("heading", { name: "Agreement templates", level: 1 })).toBeVisible();

  const card = page.locator("#template-NON_PROPRIETARY");
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
