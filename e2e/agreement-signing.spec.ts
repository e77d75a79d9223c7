import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { asUser, expectAccessible, latestMailTo, screenshot } from "./support/fixtures";

const officeEmail = "jonas.albrecht@erzgebirge-ct.example";
const smeEmail = "priya.natarajan@brinewell-sorbents.example";

async function tryToConfirmFirstShift(page: Page, reference: string) {
  await page.goto("/calendar");
  await page.getByRole("grid", { name: "Endstation calendar" }).getByRole("gridcell").first().focus();
  await page.keyboard.press("Enter");
  const place = page.getByRole("form", { name: "Place an approved request" });
  const option = place.getByLabel("Approved request").locator("option", { hasText: reference });
  await place.getByLabel("Approved request").selectOption((await option.getAttribute("value"))!);
  await place.getByLabel("Shifts").fill("1");
  await place.getByRole("button", { name: "Confirm the booking" }).click();
  return place;
}

test("an SME and the facility both sign, and the booking becomes confirmable", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  // The industrial office approves the seeded Brinewell request and sends its agreement.
  const office = await asUser(browser, officeEmail);
  await office.goto("/requests");
  await office.getByRole("row").filter({ hasText: "Brinewell Sorbents Ltd" }).getByRole("link").first().click();
  await expect(office.getByRole("heading", { level: 1 })).toHaveText(/^LDS-\d{2}-\d{4}: /);
  const reference = (await office.getByRole("heading", { level: 1 }).innerText()).split(":")[0]!;
  await office.getByLabel("Shifts granted").fill("6");
  await office.getByLabel("Note to the applicant").fill("Approved at the SME rate for XM2.");
  await office.getByRole("button", { name: "Approve" }).click();
  await office.getByRole("button", { name: "Send the agreement for signature" }).click();
  await expect(office.getByRole("heading", { name: /AGR-\d{2}-\d{4}: / })).toBeVisible();
  const agreementUrl = office.url();

  // Before signatures the calendar holds but does not confirm, and says who has yet to sign.
  let place = await tryToConfirmFirstShift(office, reference);
  await expect(place.getByText(/cannot be confirmed until agreement AGR-\d{2}-\d{4} is signed; waiting for/)).toBeVisible();
  await expect(place.getByRole("alert")).toContainText("Brinewell Sorbents Ltd");
  await screenshot(office, testInfo, "agreement-gate-refused");

  // The office reminds the SME, whose signatory gets an email naming who is still to sign.
  await office.goto(agreementUrl);
  await office.getByRole("button", { name: "Remind Brinewell Sorbents Ltd" }).click();
  await expect(office.getByRole("status").filter({ hasText: "Reminder sent to" })).toContainText("Brinewell Sorbents Ltd");
  const reminder = await latestMailTo(smeEmail, "Reminder:");
  expect(reminder.text).toContain("still waiting for Brinewell Sorbents Ltd");
  await office.getByRole("button", { name: "Remind Brinewell Sorbents Ltd" }).click();
  await expect(office.getByRole("alert").filter({ hasText: "at most once a day" })).toBeVisible();

  // The SME's authorised signatory signs, then the facility.
  const sme = await asUser(browser, smeEmail);
  await sme.goto(agreementUrl);
  await expect(sme.getByText("Data access: Proprietary").or(sme.getByText("Proprietary", { exact: true })).first()).toBeVisible();
  await sme.getByLabel("Type your full name to sign").fill("Someone Else");
  await sme.getByRole("checkbox", { name: /I have read this agreement/ }).check();
  await sme.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(sme.getByText(/Type your name exactly as on your account/)).toBeVisible();
  await sme.getByLabel("Type your full name to sign").fill("Priya Natarajan");
  await sme.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(sme.getByText(/Signed by Priya Natarajan/)).toBeVisible();
  await expectAccessible(sme);
  await screenshot(sme, testInfo, "agreement-signed-by-sme");

  await office.goto(agreementUrl);
  await office.getByLabel("Type your full name to sign").fill("Dr Jonas Albrecht");
  await office.getByRole("checkbox", { name: /I have read this agreement/ }).check();
  await office.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(office.getByText("Signed by every party")).toBeVisible();

  // A job seals the PDF; the page shows progress, then the download. The PDF lists both signatures and the hash.
  const download = office.getByRole("link", { name: "Download the sealed PDF" });
  await expect(download).toBeVisible({ timeout: 90_000 });
  await screenshot(office, testInfo, "agreement-sealed");
  const [file] = await Promise.all([office.waitForEvent("download"), download.click()]);
  const pdfPath = testInfo.outputPath("sealed.pdf");
  await file.saveAs(pdfPath);
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
  const hash = (await office.getByText(/^Document fingerprint \(SHA-256\)/).innerText()).match(/[0-9a-f]{64}/)![0];
  for (const expected of ["Signatures", "Priya Natarajan", "Dr Jonas Albrecht", "Audit trail", "agreement.signed"]) expect(text).toContain(expected);
  expect(text.replace(/\s+/g, "")).toContain(hash);
  // Page 2 (the signature page) as a PNG beside the screenshots, to look at.
  execFileSync("pdftoppm", ["-r", "70", "-f", "2", "-l", "2", "-png", "-singlefile", pdfPath, path.join(import.meta.dirname, ".screenshots", "agreement-sealed-pdf-signatures")]);

  // Now the booking can be confirmed.
  place = await tryToConfirmFirstShift(office, reference);
  await expect(office.getByRole("gridcell", { name: new RegExp(reference) }).first()).toBeVisible();
  await screenshot(office, testInfo, "agreement-booking-confirmed");
});
