import { expect, test } from "@playwright/test";
import { firstCycle } from "./support/demo-world";
import { asUser, demoAccountFor, expectAccessible, screenshot, signInWithPassword } from "./support/fixtures";
import { fillProposal, fillTheRest } from "./support/request-editor";

const chair = "aled.pryce@cambrian-earth.example";
const memberA = "ingrid.solberg@nordic-mineral-imaging.example";
const memberB = "helen.tregear@westcountry-university.example";
const applicant = "fiona.macleod@caledon-hardrock.example";

test("a non-proprietary request is graded by two panel members and allocated by the chair", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const title = `Gold-telluride liberation in Caledon ore ${Date.now().toString(36)}`;

  await signInWithPassword(page, applicant);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto("/requests/new");
  await page.getByRole("radio", { name: "Severn Light Source" }).check();
  await page.getByRole("radio", { name: /non-proprietary/i }).check();
  await page.getByRole("button", { name: "Start the request" }).click();
  await fillProposal(page, { title });
  await fillTheRest(page, { title, technique: "Micro-CT", endstation: /S07 Micro-tomography/, shifts: "4", sample: "Caledon ore cylinders", hazards: "none known", industrial: false });
  await page.getByRole("button", { name: "Submit the request" }).click();
  await expect(page.getByText(/Submitted as LDS-/)).toBeVisible();
  const requestUrl = page.url().split("?")[0]!;
  const reference = (await page.getByRole("heading", { level: 1 }).innerText()).split(":")[0]!;

  const staff = await asUser(browser, demoAccountFor("FACILITY_STAFF").email);
  await staff.goto(requestUrl);
  await staff.getByRole("button", { name: "Start feasibility review" }).click();
  await staff.getByLabel("Shifts needed").fill("4");
  await staff.getByLabel("Comments for the applicant").fill("Feasible on S07 at 1.3 µm voxels.");
  await staff.getByRole("button", { name: "Record feasibility" }).click();
  await staff.getByRole("checkbox", { name: "No hazard identified" }).check();
  await staff.getByRole("button", { name: "Record safety review" }).click();
  await expect(staff.getByText("Panel review").first()).toBeVisible();

  for (const [email, grade, comment] of [[memberA, "2", "Clear case; shifts well justified."], [memberB, "1", "Outstanding: a benchmark for telluride liberation."]] as const) {
    const member = await asUser(browser, email);
    await member.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review panel" }).click();
    await member.getByLabel(`Grade for ${reference}`).selectOption(grade);
    await member.getByLabel(`Comments for ${reference}`).fill(comment);
    await member.getByRole("button", { name: `Save grade for ${reference}` }).click();
    await expect(member.getByText("Saved").first()).toBeVisible();
    if (email === memberB) await screenshot(member, testInfo, "panel-member-desk");
  }

  const chairPage = await asUser(browser, chair);
  await chairPage.goto("/panel");
  const row = chairPage.getByRole("rowgroup").filter({ hasText: reference });
  await expect(row.getByText("1.5")).toBeVisible();
  await expectAccessible(chairPage);
  await screenshot(chairPage, testInfo, "panel-chair-ranking");
  await chairPage.getByLabel(`Shifts to allocate for ${reference}`).fill("4");
  await chairPage.getByLabel(`Note to the applicant for ${reference}`).fill(`Ranked in the top quartile of the ${firstCycle} call.`);
  await chairPage.getByRole("button", { name: `Allocate shifts to ${reference}` }).click();
  await expect(row.getByText(/Allocated 4 shifts/).first()).toBeVisible();

  await page.goto(requestUrl);
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  // Applicants never see the panel's individual grades.
  await expect(page.getByText("Panel grade")).toHaveCount(0);
  await screenshot(page, testInfo, "panel-request-approved");
});
