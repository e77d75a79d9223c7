import { expect, test } from "@playwright/test";
import { asUser, demoAccountFor, expectAccessible, screenshot, signInAs, signInWithPassword } from "./support/fixtures";
import { expectSaved, fillProposal, fillTheRest, goToStep } from "./support/request-editor";

test.describe.configure({ mode: "serial" });

test("an SME applicant drafts, leaves, resumes, submits, answers a change request and is approved", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const title = `Spodumene liberation in Okement core ${Date.now().toString(36)}`;

  // Draft: choose the SME route at the synchrotron.
  await signInAs(page, "APPLICANT");
  await page.getByRole("link", { name: "New access request" }).first().click();
  await page.getByRole("radio", { name: "Severn Light Source" }).check();
  await page.getByRole("radio", { name: /SME industrial access/ }).check();
  await screenshot(page, testInfo, "request-choose-route");
  await page.getByRole("button", { name: "Start the request" }).click();
  await expect(page.getByRole("heading", { name: "Draft access request" })).toBeVisible();
  await fillProposal(page, { title });
  await expectSaved(page);
  await screenshot(page, testInfo, "request-editor-proposal");

  // Leave, then resume from the dashboard: the typing is still there.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await page.getByRole("link", { name: "Draft" }).first().click();
  await page.getByRole("link", { name: "Continue the draft" }).click();
  await expect(page.getByLabel(/^Title/)).toHaveValue(title);

  // A bad answer is refused beside its field, and nothing is submitted.
  await fillTheRest(page, { title, technique: "Micro-CT", endstation: /S07 Micro-tomography/, shifts: "0", sample: "Core OK-17 cylinders", hazards: "none known", industrial: true });
  await page.getByRole("button", { name: "Submit the request" }).click();
  await expect(page.getByText("Request at least 1 shift.")).toBeVisible();
  await screenshot(page, testInfo, "request-editor-bad-shifts");
  await page.getByLabel("Shifts requested").fill("4");
  await goToStep(page, "Review and submit");
  await page.getByRole("button", { name: "Submit the request" }).click();

  await expect(page.getByText(/Submitted as LDS-\d{2}-\d{4}, version 1/)).toBeVisible();
  const reference = (await page.getByRole("heading", { level: 1 }).innerText()).split(":")[0]!;
  const requestUrl = page.url().split("?")[0]!;
  await expect(page.getByText("Proprietary — visible to Okement Lithium Exploration Ltd and facility staff")).toBeVisible();
  await expect(page.getByText(/Day 0 of 10/)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "request-submitted");

  // Facility staff ask for changes.
  const staff = await asUser(browser, demoAccountFor("FACILITY_STAFF").email);
  await staff.goto(requestUrl);
  await staff.getByRole("button", { name: "Start feasibility review" }).click();
  await staff.getByLabel("Outcome").selectOption("CHANGES_NEEDED");
  await staff.getByLabel("Comments for the applicant").fill("Twelve cores at 0.65 µm need 6 shifts, not 4. Please raise the request or scan eight cores.");
  await staff.getByRole("button", { name: "Record feasibility" }).click();
  await expect(staff.getByText("Changes requested").first()).toBeVisible();

  // The applicant answers and resubmits as version 2.
  await page.goto(requestUrl);
  await expect(page.getByText("Changes requested").first()).toBeVisible();
  await page.getByRole("link", { name: "Edit and resubmit" }).click();
  await expect(page.getByText("Please raise the request or scan eight cores.")).toBeVisible();
  await goToStep(page, "Technique and time");
  await page.getByLabel("Shifts requested").fill("6");
  await goToStep(page, "Review and submit");
  await page.getByRole("button", { name: "Resubmit the request" }).click();
  await expect(page.getByText(`Submitted as ${reference}, version 2`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Changes from version 1 to 2" })).toContainText("Shifts requested");
  await screenshot(page, testInfo, "request-version-2-diff");

  // Feasibility, safety, and the industrial office's decision.
  await staff.goto(requestUrl);
  await staff.getByRole("button", { name: "Start feasibility review" }).click();
  await staff.getByLabel("Shifts needed").fill("6");
  await staff.getByLabel("Comments for the applicant").fill("Feasible on S07 with the standard rotation stage.");
  await staff.getByRole("button", { name: "Record feasibility" }).click();
  await staff.getByRole("checkbox", { name: "No hazard identified" }).check();
  await staff.getByRole("button", { name: "Record safety review" }).click();
  await expect(staff.getByText("Awaiting decision").first()).toBeVisible();
  await expect(staff.getByRole("form", { name: "Industrial decision" })).toHaveCount(0);

  const office = await asUser(browser, demoAccountFor("FACILITY_ADMIN").email);
  await office.goto(requestUrl);
  await office.getByLabel("Shifts granted").fill("6");
  await office.getByLabel("Note to the applicant").fill("Approved at the SME rate; the user office will propose dates in March.");
  await office.getByRole("button", { name: "Approve" }).click();
  await expect(office.getByText("Approved").first()).toBeVisible();

  await page.goto(requestUrl);
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("6 shifts (48 h)").first()).toBeVisible();
  await screenshot(page, testInfo, "request-approved");
});

test("a user of another organisation cannot open a proprietary request by its URL", async ({ page, browser }, testInfo) => {
  const owner = await asUser(browser, demoAccountFor("APPLICANT").email);
  await owner.goto("/requests");
  const href = await owner.getByRole("link", { name: /^LDS-/ }).first().getAttribute("href");
  expect(href).toMatch(/^\/requests\//);

  await signInWithPassword(page, "kerenza.trewin@cassiter-tailings.example");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const response = await page.goto(href!);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await screenshot(page, testInfo, "request-other-organisation-404");
  const pdf = await page.request.get(`${href}`.replace("/requests/", "/api/requests/") + "/pdf");
  expect(pdf.status()).toBe(404);
});
