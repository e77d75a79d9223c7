import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import path from "node:path";
import pg from "pg";
import { demoAccountFor, demoPassword } from "../../prisma/seed/accounts";
import type { Role } from "../../server/generated/prisma/enums";

export { demoAccountFor, demoPassword };

export async function signInWithPassword(page: Page, email: string, password = demoPassword) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** A fresh browser context signed in as `email`, on its dashboard: one person in a journey with several. */
export async function asUser(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithPassword(page, email);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  return page;
}

export async function signInAs(page: Page, role: Role) {
  const account = demoAccountFor(role);
  await signInWithPassword(page, account.email);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  return account;
}

/** Checks the page against WCAG 2.2 AA rules with axe-core. */
export async function expectAccessible(page: Page) {
  // Next streams a dynamic page's metadata after its body: check once the title is in.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}

/** Saves a full-page screenshot under e2e/.screenshots for a person to look at. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = path.join(import.meta.dirname, "..", ".screenshots", `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

let pool: pg.Pool | undefined;
/** The e2e database, for reading what the portal stored (mail, tokens) and for arranging edge cases. */
export function database(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  return pool;
}

/** Waits for the outbox worker to deliver mail to the dev mailbox and returns the newest message's text. */
export async function latestMailTo(to: string, subjectIncludes: string, timeoutMs = 20_000): Promise<{ subject: string; text: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await database().query<{ subject: string; text: string }>(
      `SELECT subject, text FROM "DevMailboxMessage" WHERE "to" = $1 AND subject LIKE $2 ORDER BY "createdAt" DESC LIMIT 1`,
      [to.toLowerCase(), `%${subjectIncludes}%`],
    );
    if (rows[0]) return rows[0];
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`No email to ${to} about "${subjectIncludes}" arrived within ${timeoutMs / 1000} s`);
}

export function firstLink(text: string, pathPart: string): string {
  const match = text.match(new RegExp(`https?://[^\\s\\]]*${pathPart}[^\\s\\]]*`));
  if (!match) throw new Error(`No link containing ${pathPart} in:\n${text}`);
  return match[0];
}

/** Opens the link from the confirmation email sent at sign-up and confirms with the password; lands on the dashboard. */
export async function confirmEmail(page: Page, email: string, password: string) {
  const link = firstLink((await latestMailTo(email, "Confirm your email")).text, "/signup/confirm");
  await page.goto(link);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
}

export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.example`;
