import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { PNG } from "pngjs";
import { readQrIn } from "../server/testing/read-qr";
import { daysFromToday } from "./support/demo-world";
import { asUser, expectAccessible, latestMailTo, screenshot } from "./support/fixtures";

// The seeded Lanthan request is approved and its agreement is signed by both parties.
const requestId = "demo-request-lanthan-ree-xrfct";
const applicant = "mikkel.sorensen@lanthan-geoscience.example";
const staff = "owain.rees@severn-light-source.example";

async function register(page: Page, sample: { name: string; material: string; site: string; mass: string; hazards?: string[]; activity?: string; sds?: string }) {
  const form = page.getByRole("form", { name: "Register a sample" });
  await form.getByLabel("Sample name").fill(sample.name);
  await form.getByRole("combobox", { name: /^Material/ }).selectOption({ label: sample.material });
  await form.getByLabel("Origin: deposit, site or plant").fill(sample.site);
  await form.getByLabel("Mass (g)").fill(sample.mass);
  for (const hazard of sample.hazards ?? []) await form.getByLabel(hazard).check();
  if (sample.activity) await form.getByLabel("Activity (Bq)").fill(sample.activity);
  if (sample.sds) await form.getByLabel(/^Safety data sheet/).setInputFiles({ name: sample.sds, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% safety data sheet\n") });
  await form.getByRole("button", { name: "Register the sample" }).click();
  await expect(form.getByRole("status")).toContainText(/Registered SLS-S-\d{6}/);
}

test("an applicant registers three samples (one radioactive), staff approve them, the applicant prints labels and dispatches, and staff receive them by scanning the label", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const page = await asUser(browser, applicant);
  await page.goto(`/requests/${requestId}`);
  await page.getByRole("link", { name: "Open samples and shipments" }).click();
  await expect(page.getByRole("heading", { name: /^Samples and shipments: LDS-/ })).toBeVisible();

  // Bad input is refused beside the field and nothing is saved.
  const form = page.getByRole("form", { name: "Register a sample" });
  await form.getByLabel("Sample name").fill("Bastnäsite ore chips");
  await form.getByLabel("Origin: deposit, site or plant").fill("Fen carbonatite complex");
  await form.getByLabel("Mass (g)").fill("-5");
  await form.getByRole("button", { name: "Register the sample" }).click();
  await expect(form.getByText("The mass must be more than zero.")).toBeVisible();
  await form.getByLabel("Radioactive (including NORM)").check();
  await form.getByLabel("Mass (g)").fill("12");
  await form.getByRole("button", { name: "Register the sample" }).click();
  await expect(form.getByText("Radioactive samples need their activity in becquerels.")).toBeVisible();
  await form.getByLabel("Radioactive (including NORM)").uncheck();

  await register(page, { name: "Bastnäsite ore chips", material: "Ore or drill core", site: "Fen carbonatite complex", mass: "12" });
  await register(page, { name: "Monazite concentrate", material: "Ore or drill core", site: "Fen carbonatite complex", mass: "3.5", hazards: ["Radioactive (including NORM)"], activity: "1200" });
  await register(page, { name: "Leach residue", material: "Tailings", site: "Pilot leach plant", mass: "20", hazards: ["Toxic"], sds: "leach-residue-sds.pdf" });
  const samples = page.getByRole("table", { name: /^Samples of LDS-/ });
  await expect(samples.getByText("Waiting for safety review")).toHaveCount(2);
  await expect(samples.getByRole("link", { name: "Safety data sheet" })).toHaveCount(1);
  // An uploaded file may hold anything: it is saved, never shown, sandboxed and never sniffed.
  const sds = await page.request.get((await samples.getByRole("link", { name: "Safety data sheet" }).getAttribute("href"))!);
  expect(sds.headers()).toMatchObject({ "content-disposition": 'attachment; filename="leach-residue-sds.pdf"', "x-content-type-options": "nosniff", "content-security-policy": "sandbox; default-src 'none'; frame-ancestors 'none'" });

  // Planned, but it cannot ship before the facility approves the hazardous samples.
  const plan = page.getByRole("form", { name: "Plan a shipment" });
  await plan.getByLabel("Courier").fill("DHL Express");
  await plan.getByLabel("Tracking number").fill("JD014600012345678");
  await plan.getByLabel("Declared value (GBP)").fill("150");
  await plan.getByLabel("Expected arrival").fill(daysFromToday(21));
  await expect(plan.getByLabel("Dangerous goods")).toBeChecked();
  await plan.getByLabel("UN number").fill("UN2910");
  for (const name of ["Bastnäsite ore chips", "Monazite concentrate", "Leach residue"]) await plan.getByLabel(new RegExp(name)).check();
  await plan.getByRole("button", { name: "Plan the shipment" }).click();
  const dispatch = page.getByRole("button", { name: /^Dispatch SHP-SLS-/ });
  await dispatch.click();
  await expect(page.getByRole("alert").filter({ hasText: "have not passed the facility's safety review" })).toContainText("Monazite concentrate");

  // ---- staff approve both hazardous samples
  const staffPage = await asUser(browser, staff);
  await staffPage.goto(`/requests/${requestId}/samples`);
  const monazite = staffPage.getByRole("form", { name: /^Safety review of SLS-S-/ }).first();
  await monazite.getByLabel("Risk").selectOption("ELEVATED");
  await monazite.getByLabel("Conditions").fill("Handle in the radiation-controlled area; store in the lead-lined cabinet.");
  await monazite.getByRole("button", { name: "Approve" }).click();
  const residue = staffPage.getByRole("form", { name: /^Safety review of SLS-S-/ });
  await expect(residue).toHaveCount(1);
  await residue.getByLabel("Conditions").fill("Gloves and fume cupboard.");
  await residue.getByRole("button", { name: "Approve" }).click();
  await expect(staffPage.getByRole("form", { name: /^Safety review of/ })).toHaveCount(0);

  // ---- the applicant prints the labels and dispatches
  await page.reload();
  const labelsUrl = await page.getByRole("link", { name: "Print labels" }).getAttribute("href");
  const labels = await page.request.get(labelsUrl!);
  expect(labels.headers()["content-type"]).toBe("application/pdf");
  expect(labels.headers()["content-security-policy"]).toMatch(/^default-src 'none'.*frame-ancestors 'none'/);
  const dir = testInfo.outputPath("labels");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "labels.pdf"), await labels.body());
  execFileSync("pdftoppm", ["-r", "150", "-f", "1", "-l", "1", "-png", "-singlefile", path.join(dir, "labels.pdf"), path.join(dir, "sheet")]);
  fs.copyFileSync(path.join(dir, "sheet.png"), path.join(import.meta.dirname, ".screenshots", "sample-labels.png"));
  const sheet = PNG.sync.read(fs.readFileSync(path.join(dir, "sheet.png")));
  const containerCode = readQrIn(sheet, { x: 0, y: 0, width: Math.floor(sheet.width / 2), height: Math.floor(sheet.height * 0.2) });
  expect(containerCode).toMatch(/^SLS-C-\d{6}$/);
  await page.getByRole("button", { name: /^Dispatch SHP-SLS-/ }).click();
  await expect(page.locator("#shipments").getByText("Dispatched", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "samples-dispatched");

  // ---- the receipt desk: an unknown code is refused, then the scanned code is received
  await staffPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Receipt desk" }).click();
  const desk = staffPage.getByRole("form", { name: "Receive by code" });
  await desk.getByLabel("Code on the label").fill("SLS-C-999999");
  await desk.getByLabel("Stored at").fill("Store B, shelf 3");
  await desk.getByRole("button", { name: "Record receipt" }).click();
  await expect(desk.getByText("has the code SLS-C-999999")).toBeVisible();
  await desk.getByLabel("Code on the label").fill(containerCode!);
  await desk.getByRole("button", { name: "Record receipt" }).click();
  await expect(staffPage.getByRole("status").filter({ hasText: containerCode! })).toContainText("3 samples");
  await expect(staffPage.getByRole("status").filter({ hasText: containerCode! })).toContainText(/SHP-SLS-\d{2}-\d{4} is complete and stored; the applicant has been told\./);
  await expectAccessible(staffPage);
  await screenshot(staffPage, testInfo, "samples-receipt-desk");

  // ---- the applicant is told, and the custody chain shows every move
  const mail = await latestMailTo(applicant, ": received");
  expect(mail.text).toContain("Store B, shelf 3");
  await page.reload();
  // The shipment carries its own state: stored once its only container is in.
  await expect(page.locator("#shipments").getByText("Stored", { exact: true })).toBeVisible();
  await expect(page.locator("#shipments")).toContainText("1 of 1 container received · 3 stored");
  await page.getByText(/^Custody chain/).first().click();
  const chain = page.getByRole("list", { name: /^Custody chain of SLS-S-/ }).first();
  for (const step of ["Registered", "Packed", "Dispatched", "Received", "Stored"]) await expect(chain.getByText(step, { exact: true })).toBeVisible();
  await screenshot(page, testInfo, "samples-custody-chain");
});
