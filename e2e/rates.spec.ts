import { expect, test } from "@playwright/test";
import { expectAccessible, screenshot, signInWithPassword } from "./support/fixtures";

test("a facility admin sets a new rate card and an add-on price; a sliding price above the full price is refused beside the field", async ({ page }, testInfo) => {
  await signInWithPassword(page, "jonas.albrecht@erzgebirge-ct.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rates" }).click();
  await expect(page.getByRole("heading", { name: "Rates", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "New rate card at Erzgebirge Core Imaging Centre" });
  await form.getByLabel("Endstation").selectOption({ label: "CT1 Large-sample cone-beam CT" });
  await form.getByLabel("Currency").selectOption("EUR");
  // A date a run of this spec has not used yet: cards are keyed by endstation and date.
  const day = 1 + (Date.now() % 28);
  await form.getByLabel("Valid from").fill(`2028-03-${String(day).padStart(2, "0")}`);
  await form.getByLabel("Full-cost price per unit").fill("1500");
  await form.getByLabel("Sliding scale from unit").fill("11");
  await form.getByLabel("Sliding price per unit").fill("1600");
  await form.getByRole("button", { name: "Save the rate card" }).click();
  await expect(form.getByText("The sliding price is a discount: at most the full price.")).toBeVisible();
  await form.getByLabel("Sliding price per unit").fill("1300");
  await form.getByRole("button", { name: "Save the rate card" }).click();
  await expect(form.getByRole("status")).toContainText("Saved");
  const cards = page.getByRole("table", { name: "Rate cards at Erzgebirge Core Imaging Centre" });
  await expect(cards).toContainText("€1,500.00 per 8 h shift");
  await expect(cards).toContainText("€1,300.00 from unit 11");

  const addOn = page.getByRole("form", { name: "New add-on price at Erzgebirge Core Imaging Centre" });
  await addOn.getByLabel("Add-on").selectOption("SHIPPING");
  await addOn.getByLabel("Name on invoices").fill("Return courier");
  await addOn.getByRole("textbox", { name: "Unit (required)", exact: true }).fill("parcel");
  await addOn.getByLabel("Price per unit").fill("65");
  await addOn.getByLabel("Currency").selectOption("EUR");
  await addOn.getByLabel("Valid from").fill(`2028-03-${String(day).padStart(2, "0")}`);
  await addOn.getByRole("button", { name: "Save the add-on price" }).click();
  await expect(addOn.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByText("Return courier: €65.00 per parcel").first()).toBeVisible();
  const vat = page.getByRole("form", { name: "VAT and bank details of Erzgebirge Core Imaging Centre" });
  await vat.getByLabel("VAT (%)").fill("-1");
  await vat.getByRole("button", { name: "Save VAT and bank details" }).click();
  await expect(vat.getByText("VAT cannot be negative.")).toBeVisible();
  await vat.getByLabel("VAT (%)").fill("19");
  await vat.getByRole("button", { name: "Save VAT and bank details" }).click();
  await expect(vat.getByRole("status")).toHaveText("Saved.");
  await expectAccessible(page);
  await screenshot(page, testInfo, "rates-admin");
});
