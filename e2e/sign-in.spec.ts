import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { database, demoAccountFor, expectAccessible, firstLink, latestMailTo, screenshot, signInAs, signInWithPassword, uniqueEmail } from "./support/fixtures";

/** Collects the browser's reports of anything the Content-Security-Policy blocked. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  return violations;
}

test("a wrong password gets a clear message and no session", async ({ page }, testInfo) => {
  await signInWithPassword(page, demoAccountFor("FUNDER").email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is not right" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  await expectAccessible(page);
  await screenshot(page, testInfo, "sign-in-wrong-password");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
});

test("empty fields are refused beside the field before anything is sent", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
});

test("repeated failures lock the account for a while, even with the right password", async ({ page, request }) => {
  const email = uniqueEmail("locked");
  const password = "a perfectly good password";
  await request.post("/api/trpc/users.signUp", { data: { json: { name: "Locked Out", email, password } } });
  for (let i = 0; i < 5; i++) {
    await signInWithPassword(page, email, `wrong-${i}-password`);
    await expect(page.getByRole("alert").filter({ hasText: "The email or password is not right" })).toBeVisible();
  }
  await signInWithPassword(page, email, password);
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-in attempts" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("a new user signs up, confirms the address from the email, lands on a dashboard that says what to do next; signing up again is answered the same while the owner is told by email", async ({ page }, testInfo) => {
  const email = uniqueEmail("newcomer");
  const password = "tin streams of the west";
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Wenna Pascoe");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, "sign-up-check-email");

  // Not usable before the address is confirmed: the right password is told so, and offered the link again.
  await signInWithPassword(page, email, password);
  await expect(page.getByRole("alert").filter({ hasText: "Confirm your email address first" })).toBeVisible();
  await page.getByRole("button", { name: "email me a new confirmation link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "we have sent a new link" })).toBeVisible();
  await screenshot(page, testInfo, "sign-in-unconfirmed");
  // The first link stopped working when the second was sent: wait for the second to arrive.
  const confirmationMails = async () =>
    (await database().query<{ n: number }>(`SELECT count(*)::int AS n FROM "DevMailboxMessage" WHERE "to" = $1 AND subject LIKE '%Confirm your email%'`, [email])).rows[0]!.n;
  await expect.poll(confirmationMails, { timeout: 20_000 }).toBe(2);

  const link = firstLink((await latestMailTo(email, "Confirm your email")).text, "/signup/confirm");
  expect((await latestMailTo(email, "Confirm your email")).text).toContain("Hello Wenna Pascoe");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("You are not part of an organisation yet").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Register your organisation" })).toBeVisible();
  await screenshot(page, testInfo, "dashboard-new-user");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Someone Else");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  // The page cannot tell an address with an account from a new one; the owner's mailbox can.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const notice = await latestMailTo(email, "You already have a Lodestone account");
  expect(notice.text).toContain("Hello Wenna Pascoe");
  expect(firstLink(notice.text, "/signin")).toMatch(/\/signin$/);
  const { rows } = await database().query(`SELECT name FROM "User" WHERE email = $1`, [email]);
  expect(rows).toEqual([{ name: "Wenna Pascoe" }]);
  await screenshot(page, testInfo, "sign-up-duplicate");
});

test("someone who signed up with another person's address loses it when the owner signs in by link", async ({ page, request }) => {
  const email = uniqueEmail("owner");
  const squattersPassword = "the squatter chose this";
  await request.post("/api/trpc/users.signUp", { data: { json: { name: "Not The Owner", email, password: squattersPassword } } });

  await page.goto("/signin");
  await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(firstLink((await latestMailTo(email, "sign-in link")).text, "/api/auth/callback/email"));
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await signInWithPassword(page, email, squattersPassword);
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is not right" })).toBeVisible();
});

test("a magic link signs in once; the same link again is refused with a clear message", async ({ page, browser }, testInfo) => {
  const account = demoAccountFor("CONSORTIUM_MEMBER");
  await page.goto("/signin");
  await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = firstLink((await latestMailTo(account.email, "sign-in link")).text, "/api/auth/callback/email");

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("banner").getByText(account.name)).toBeVisible();

  const other = await browser.newPage();
  await other.goto(link);
  await expect(other.getByRole("alert").filter({ hasText: "expired or has already been used" })).toBeVisible();
  await screenshot(other, testInfo, "magic-link-reused");
  await other.close();
});

test("an expired magic link is refused and does not sign in", async ({ page }) => {
  const account = demoAccountFor("FACILITY_STAFF");
  const token = randomBytes(32).toString("hex");
  const hashed = createHash("sha256").update(`${token}${process.env.NEXTAUTH_SECRET}`).digest("hex");
  await database().query(`INSERT INTO "VerificationToken" (identifier, token, expires) VALUES ($1, $2, now() - interval '1 minute')`, [account.email, hashed]);
  await page.goto(`/api/auth/callback/email?token=${token}&email=${encodeURIComponent(account.email)}&callbackUrl=%2Fdashboard`);
  await expect(page.getByRole("alert").filter({ hasText: "expired or has already been used" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
});

test("a role without administration sees a plain explanation on admin pages", async ({ page }) => {
  await signInWithPassword(page, demoAccountFor("APPLICANT").email);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.goto("/admin/audit");
  await expect(page.getByText("This area is for facility and platform admins")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("health answers with the state of the database and the job queue", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ db: "ok", jobs: "ok" });
});

test("pages carry a nonce-based Content-Security-Policy, and signing in and moving around breaks none of it", async ({ page }) => {
  const violations = cspViolations(page);
  const response = await page.goto("/signin");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
  // Switching to the sign-in link happens in the browser only: the page's nonced scripts ran.
  await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
  await expect(page.getByRole("button", { name: "Email me a sign-in link", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Sign in with a password instead" }).click();

  await signInAs(page, "APPLICANT");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Access requests" }).click();
  await expect(page.getByRole("heading", { name: "Access requests", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("without JavaScript, sign-up cannot be sent, sign-in still works, and the password never reaches an address", async ({ browser, request }) => {
  const email = uniqueEmail("no-script");
  const password = "granite tors above the moor";
  await request.post("/api/trpc/users.signUp", { data: { json: { name: "Demelza Nance", email, password } } });
  // She confirmed her address earlier (that step is the sign-up journey's); now her scripts are off.
  await database().query(`UPDATE "User" SET "emailVerified" = now() WHERE email = $1`, [email]);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));

  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Someone Else");
  await page.getByLabel("Email").fill(uniqueEmail("no-script-signup"));
  await page.getByLabel("Password").fill(password);
  await expect(page.getByRole("button", { name: "Create account" })).toBeDisabled();
  await page.getByLabel("Password").press("Enter");
  await expect(page.getByText("Creating an account needs JavaScript")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);

  await page.goto("/signin?callbackUrl=%2Ffacilities");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is not right" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/facilities$/);
  await expect(page.getByRole("heading", { name: "Facilities and endstations", level: 1 })).toBeVisible();

  for (const url of [...requested, page.url()]) {
    expect(url).not.toContain("password");
    expect(url).not.toContain(encodeURIComponent(password));
    expect(url).not.toContain("not+the+right");
  }
  await context.close();
});

test("the running server refuses a body larger than its route accepts before reading it, and still answers normal calls", async ({ request }) => {
  const tooLarge = await request.post("/api/trpc/users.signUp", { data: Buffer.alloc(9 * 1024 * 1024, 0x20), headers: { "content-type": "application/json" } });
  expect(tooLarge.status()).toBe(413);
  expect(await tooLarge.json()).toEqual({ error: "A request to the portal may carry at most 8 MB; this one declared 9 MB." });
  const signIn = await request.post("/signin/submit", { form: { email: "x@example.com", password: "y".repeat(40_000) } });
  expect(signIn.status()).toBe(413);
  expect((await request.get("/api/health")).status()).toBe(200);
});
