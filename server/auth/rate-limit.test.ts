import { describe, expect, it } from "vitest";
import { testDb, uniqueSuffix } from "../testing/fixtures";
import { checkSignInRateLimit, markSignInAttemptSucceeded, reserveSignInAttempt, signInLimits } from "./rate-limit";

const db = testDb();

async function fail(email: string, ip: string | null) {
  const reservation = await reserveSignInAttempt(db, email, ip);
  expect(reservation.limited).toBe(false);
}

describe("sign-in rate limit", () => {
  it("blocks an account after repeated failures and says for how long", async () => {
    const email = `target-${uniqueSuffix()}@test.example`;
    for (let i = 0; i < signInLimits.perAccount - 1; i++) await fail(email, `198.51.100.${i}#${email}`);
    const elsewhere = `198.51.100.200#${email}`;
    expect(await checkSignInRateLimit(db, email, elsewhere)).toEqual({ limited: false });
    await fail(email, `198.51.100.99#${email}`);
    const verdict = await reserveSignInAttempt(db, email, elsewhere);
    expect(verdict).toMatchObject({ limited: true });
    expect(verdict.limited && verdict.retryAfterMinutes).toBeGreaterThanOrEqual(14);
  });

  it("blocks an address that tries many accounts", async () => {
    const ip = `192.0.2.1#${uniqueSuffix()}`;
    for (let i = 0; i < signInLimits.perIp; i++) await fail(`spray-${i}-${uniqueSuffix()}@test.example`, ip);
    expect((await reserveSignInAttempt(db, `fresh-${uniqueSuffix()}@test.example`, ip)).limited).toBe(true);
  });

  it("does not lump together requests whose address is unknown", async () => {
    for (let i = 0; i < signInLimits.perIp; i++) await fail(`unknown-ip-${i}-${uniqueSuffix()}@test.example`, null);
    expect((await reserveSignInAttempt(db, `fresh-${uniqueSuffix()}@test.example`, null)).limited).toBe(false);
  });

  it("a successful sign-in clears the account's count", async () => {
    const email = `recovers-${uniqueSuffix()}@test.example`;
    const ip = `198.51.100.1#${uniqueSuffix()}`;
    for (let i = 0; i < signInLimits.perAccount - 1; i++) await fail(email, ip);
    const success = await reserveSignInAttempt(db, email, ip);
    if (success.limited) throw new Error("should not be limited");
    await markSignInAttemptSucceeded(db, success.attemptId);
    await fail(email, ip);
    expect((await checkSignInRateLimit(db, email, ip)).limited).toBe(false);
  });

  it("failures older than the window no longer count", async () => {
    const email = `old-${uniqueSuffix()}@test.example`;
    const longAgo = new Date(Date.now() - (signInLimits.windowMinutes + 1) * 60_000);
    await db.signInAttempt.createMany({ data: Array.from({ length: 10 }, () => ({ email, ip: "198.51.100.2", succeeded: false, at: longAgo })) });
    expect((await checkSignInRateLimit(db, email, `198.51.100.3#${uniqueSuffix()}`)).limited).toBe(false);
  });

  it("parallel attempts on one account cannot all slip under the limit", async () => {
    const email = `burst-${uniqueSuffix()}@test.example`;
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => reserveSignInAttempt(db, email, `203.0.113.${i}#${email}`)));
    expect(results.filter((r) => !r.limited)).toHaveLength(signInLimits.perAccount);
    expect(await db.signInAttempt.count({ where: { email } })).toBe(signInLimits.perAccount);
  });

  it("parallel attempts from one address on many accounts cannot all slip under the limit", async () => {
    const ip = `192.0.2.2#${uniqueSuffix()}`;
    const results = await Promise.all(Array.from({ length: signInLimits.perIp + 10 }, (_, i) => reserveSignInAttempt(db, `spray-${i}-${uniqueSuffix()}@test.example`, ip)));
    expect(results.filter((r) => !r.limited)).toHaveLength(signInLimits.perIp);
  });
});
