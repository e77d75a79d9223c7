import { expect, test } from "@playwright/test";
import { confirmEmail, database, demoAccountFor, expectAccessible, firstLink, latestMailTo, screenshot, signInAs, uniqueEmail } from "./support/fixtures";

test("a new user registers their SME; a bad declaration is refused beside the field first", async ({ page, request }, testInfo) => {
  const email = uniqueEmail("founder");
  const password = "pegmatite dykes of cornwall";
  await request.post("/api/trpc/users.signUp", { data: { json: { name: "Lowena Rowe", email, password } } });
  await confirmEmail(page, email, password);
  await page.getByRole("link", { name: "Register your organisation" }).first().click();
  await expect(page.getByRole("heading", { name: "Register an organisation" })).toBeVisible();

  const name = `Tregonning Spodumene ${Date.now().toString(36)} Ltd`;
  await page.getByLabel("Registered name").fill(name);
  await page.getByLabel("Country").fill("GB");
  await page.getByLabel("Staff head-count").fill("-4");
  await page.getByLabel("Annual turnover (€)").fill("1800000");
  await page.getByLabel("Balance sheet total (€)").fill("950000");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.getByText("An organisation has at least one member of staff.")).toBeVisible();
  await screenshot(page, testInfo, "organisation-register-bad-input");
  expect((await database().query(`SELECT 1 FROM "Organisation" WHERE name = $1`, [name])).rowCount).toBe(0);

  await page.getByLabel("Staff head-count").fill("9");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Qualifies as an SME")).toBeVisible();
  await expect(page.getByRole("table", { name: `Members of ${name}` }).getByText("Lowena Rowe")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "organisation-registered");
});

test("an applicant invites a colleague, who creates an account from the email and joins", async ({ page, browser }, testInfo) => {
  const applicant = await signInAs(page, "APPLICANT");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My organisations" }).click();
  // The dashboard also links the organisation: click it only once the list has replaced the dashboard.
  await expect(page.getByRole("heading", { name: "My organisations", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: applicant.organisation }).click();
  const invitee = uniqueEmail("geologist");
  await page.getByLabel("Email").fill(invitee);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${invitee}`)).toBeVisible();
  await expect(page.getByText(`${invitee} · Applicant`)).toBeVisible();
  await screenshot(page, testInfo, "organisation-invitation-sent");

  const link = firstLink((await latestMailTo(invitee, "invited you")).text, "/invitations/");
  const context = await browser.newContext();
  const guest = await context.newPage();
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: `Join ${applicant.organisation}` })).toBeVisible();
  await screenshot(guest, testInfo, "invitation-landing");
  await guest.getByRole("link", { name: "Create an account" }).click();
  await expect(guest.getByLabel("Email")).toHaveValue(invitee);
  await guest.getByLabel("Full name").fill("Kitto Nance");
  await guest.getByLabel("Password").fill("greisen and killas");
  await guest.getByRole("button", { name: "Create account" }).click();
  await guest.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(guest.getByRole("heading", { name: applicant.organisation })).toBeVisible();
  await expect(guest.getByRole("table", { name: `Members of ${applicant.organisation}` }).getByText("Kitto Nance")).toBeVisible();

  // The link is single-use.
  await guest.goto(link);
  await expect(guest.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await expect(guest.getByText("already been used")).toBeVisible();
  await screenshot(guest, testInfo, "invitation-reused");
  await context.close();
});

test("inviting the same colleague twice re-sends the one invitation; the earlier link stops working", async ({ page, browser }, testInfo) => {
  const applicant = await signInAs(page, "APPLICANT");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My organisations" }).click();
  // The dashboard also links the organisation: click it only once the list has replaced the dashboard.
  await expect(page.getByRole("heading", { name: "My organisations", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: applicant.organisation }).click();
  const invitee = uniqueEmail("mineralogist");
  await page.getByLabel("Email").fill(invitee);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${invitee}`)).toBeVisible();
  const firstLinkSent = firstLink((await latestMailTo(invitee, "invited you")).text, "/invitations/");

  // The same address typed differently is the same person.
  await page.getByLabel("Email").fill(invitee.toUpperCase());
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent again to ${invitee}`)).toBeVisible();
  await expect(page.getByText("The link in the earlier email no longer works")).toBeVisible();
  await expect(page.getByText(`${invitee} · Applicant`)).toHaveCount(1);
  await screenshot(page, testInfo, "organisation-invitation-resent");

  let secondLinkSent = firstLinkSent;
  await expect.poll(async () => (secondLinkSent = firstLink((await latestMailTo(invitee, "invited you")).text, "/invitations/")), { timeout: 20_000 }).not.toBe(firstLinkSent);
  const context = await browser.newContext();
  const guest = await context.newPage();
  await guest.goto(firstLinkSent);
  await expect(guest.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await guest.goto(secondLinkSent);
  await expect(guest.getByRole("heading", { name: `Join ${applicant.organisation}` })).toBeVisible();
  await context.close();
});

test("an expired invitation says so and when", async ({ page }) => {
  await signInAs(page, "FACILITY_ADMIN");
  const admin = demoAccountFor("FACILITY_ADMIN");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My organisations" }).click();
  // The dashboard also links the organisation: click it only once the list has replaced the dashboard.
  await expect(page.getByRole("heading", { name: "My organisations", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: admin.organisation }).click();
  const invitee = uniqueEmail("late-scientist");
  await page.getByLabel("Email").fill(invitee);
  await page.getByLabel("Role").selectOption({ label: "Facility staff" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${invitee}`)).toBeVisible();
  const link = firstLink((await latestMailTo(invitee, "invited you")).text, "/invitations/");
  await database().query(`UPDATE "Invitation" SET "createdAt" = now() - interval '8 days', "expiresAt" = now() - interval '1 day' WHERE email = $1`, [invitee]);
  await page.goto(link);
  await expect(page.getByText(/This invitation expired on \d+ \w+ \d{4}/)).toBeVisible();
});

test("a facility admin cannot add an existing user as staff: they are invited and join only by accepting", async ({ page, browser, request }) => {
  const email = uniqueEmail("beamline-scientist");
  const password = "cassiterite and wolframite";
  await request.post("/api/trpc/users.signUp", { data: { json: { name: "Tamsin Jory", email, password } } });
  const admin = await signInAs(page, "FACILITY_ADMIN");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My organisations" }).click();
  // The dashboard also links the organisation: click it only once the list has replaced the dashboard.
  await expect(page.getByRole("heading", { name: "My organisations", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: admin.organisation }).click();
  await expect(page.getByText("Nobody is added without saying yes")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption({ label: "Facility staff" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`${email} · Facility staff`)).toBeVisible();
  await expect(page.getByRole("table", { name: `Members of ${admin.organisation}` }).getByText("Tamsin Jory")).toHaveCount(0);
  expect((await database().query(`SELECT 1 FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`, [email])).rowCount).toBe(0);

  const link = firstLink((await latestMailTo(email, "invited you")).text, "/invitations/");
  const context = await browser.newContext();
  const invitee = await context.newPage();
  await confirmEmail(invitee, email, password);
  await invitee.goto(link);
  await invitee.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(invitee.getByRole("table", { name: `Members of ${admin.organisation}` }).getByText("Tamsin Jory")).toBeVisible();

  // And they can leave again on their own.
  await invitee.getByRole("button", { name: `Leave ${admin.organisation}` }).click();
  await invitee.getByRole("button", { name: "Yes, leave" }).click();
  await expect(invitee).toHaveURL(/\/organisations$/);
  await expect(invitee.getByRole("link", { name: admin.organisation })).toHaveCount(0);
  await context.close();
});

test("the last applicant of an organisation cannot leave until a colleague has taken over", async ({ page, browser, request }, testInfo) => {
  const email = uniqueEmail("founder");
  const password = "pegmatite dykes of cornwall";
  await request.post("/api/trpc/users.signUp", { data: { json: { name: "Morwenna Pascoe", email, password } } });
  await confirmEmail(page, email, password);
  await page.getByRole("link", { name: "Register your organisation" }).first().click();
  const name = `Carn Brea Tin ${Date.now().toString(36)} Ltd`;
  await page.getByLabel("Registered name").fill(name);
  await page.getByLabel("Country").fill("GB");
  await page.getByLabel("Staff head-count").fill("6");
  await page.getByLabel("Annual turnover (€)").fill("900000");
  await page.getByLabel("Balance sheet total (€)").fill("400000");
  await page.getByRole("button", { name: "Register organisation" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByRole("button", { name: `Leave ${name}` }).click();
  await page.getByRole("button", { name: "Yes, leave" }).click();
  await expect(page.getByRole("region", { name: "Your membership" }).getByRole("alert")).toContainText(`You are the last person who can manage ${name}'s members, so you cannot leave yet. Invite a colleague as an applicant; once they have accepted, you can leave.`);
  await expectAccessible(page);
  await screenshot(page, testInfo, "organisation-leave-refused");
  await page.getByRole("button", { name: "Cancel" }).click();

  const colleague = uniqueEmail("successor");
  await page.getByLabel("Email").fill(colleague);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${colleague}`)).toBeVisible();
  const link = firstLink((await latestMailTo(colleague, "invited you")).text, "/invitations/");
  const context = await browser.newContext();
  const guest = await context.newPage();
  await guest.goto(link);
  await guest.getByRole("link", { name: "Create an account" }).click();
  await guest.getByLabel("Full name").fill("Jago Trewin");
  await guest.getByLabel("Password").fill("greisen and killas");
  await guest.getByRole("button", { name: "Create account" }).click();
  await guest.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(guest.getByRole("heading", { name })).toBeVisible();
  await context.close();

  await page.reload();
  await page.getByRole("button", { name: `Leave ${name}` }).click();
  await page.getByRole("button", { name: "Yes, leave" }).click();
  await expect(page).toHaveURL(/\/organisations$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});
