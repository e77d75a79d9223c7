import { expect, test, type Page } from "@playwright/test";
import { screenshot, signInWithPassword } from "./support/fixtures";
import { expectSaved } from "./support/request-editor";

// What an applicant types is kept when they leave at once: through a link in
// the portal (no time for the one-second autosave) or by going to another
// address (the page unloads).
const applicant = "kerenza.trewin@cassiter-tailings.example";

async function reopenDraft(page: Page, title: string) {
  await page.goto("/requests");
  await page.getByRole("row").filter({ hasText: title }).getByRole("link").first().click();
  await page.getByRole("link", { name: "Continue the draft" }).click();
}

test("typing then leaving at once keeps the draft, by a link or by a new address", async ({ page }, testInfo) => {
  const stamp = Date.now().toString(36);
  const first = `Cassiterite in Wheal tailings ${stamp}`;
  await signInWithPassword(page, applicant);
  await page.getByRole("link", { name: "New access request" }).first().click();
  await page.getByRole("radio", { name: "Severn Light Source" }).check();
  await page.getByRole("radio", { name: /SME industrial access/ }).check();
  await page.getByRole("button", { name: "Start the request" }).click();
  await page.getByLabel(/^Title/).fill(first);
  await expectSaved(page);

  // A link straight after typing: the editor stores the change as it goes.
  const second = `${first}, re-ground`;
  await page.getByLabel(/^Title/).fill(second);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await reopenDraft(page, second);
  await expect(page.getByLabel(/^Title/)).toHaveValue(second);

  // Another address straight after typing: the page unloads; the browser may ask, and the change is stored.
  const third = `${second} and floated`;
  page.on("dialog", (dialog) => void dialog.accept());
  await page.getByLabel(/^Title/).fill(third);
  await page.goto("/bookings");
  await reopenDraft(page, third);
  await expect(page.getByLabel(/^Title/)).toHaveValue(third);
  await screenshot(page, testInfo, "request-draft-kept-after-leaving");
});
