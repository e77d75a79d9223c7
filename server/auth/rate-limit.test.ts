import { describe, expect, it } from "vitest";
import { testDb, uniqueSuffix } from "../testing/fixtures";
import { checkSignInRateLimit, recordSignInAttempt, signInLimits } from "./rate-limit";

const db = testDb();

describe("sign-in rate limit", () => {
  it("blocks an account after repeated failures and says for how long", async () => {
    const email = `target-${uniqueSuffix()}@test.example`;
    for (let i = 0; i < signInLimits.perAccount - 1; i++) await recordSignInAttempt(db, email, `198.51.100.${i}#${email}`, false);
    const elsewhere = `198.51.100.200#${email}`;
    expect(await checkSignInRateLimit(db, email, elsewhere)).toEqual({ limited: false });
    await recordSignInAttempt(db, email, `198.51.100.99#${email}`, false);
    const verdict = await checkSignInRateLimit(db, email, elsewhere);
    expect(verdict).toMatchObject({ limited: true });
    expect(verdict.limited && verdict.retryAfterMinutes).toBeGreaterThanOrEqual(14);
  });

  it("blocks an address that tries many accounts", async () => {
    const ip = `192.0.2.1#${uniqueSuffix()}`;
    for (let i = 0; i < signInLimits.perIp; i++) await recordSignInAttempt(db, `spray-${i}-${uniqueSuffix()}@test.example`, ip, false);
    expect((await checkSignInRateLimit(db, `fresh-${uniqueSuffix()}@test.example`, ip)).limited).toBe(true);
  });

  it("a successful sign-in clears the account's count", async () => {
    const email = `recovers-${uniqueSuffix()}@test.example`;
    const ip = `198.51.100.1#${uniqueSuffix()}`;
    for (let i = 0; i < signInLimits.perAccount - 1; i++) await recordSignInAttempt(db, email, ip, false);
    await recordSignInAttempt(db, email, ip, true);
    await recordSignInAttempt(db, email, ip, false);
    expect((await checkSignInRateLimit(db, email, ip)).limited).toBe(false);
  });

  it("failures older than the window no longer count", async () => {
    const email = `old-${uniqueSuffix()}@test.example`;
    const longAgo = new Date(Date.now() - (signInLimits.windowMinutes + 1) * 60_000);
    await db.signInAttempt.createMany({ data: Array.from({ length: 10 }, () => ({ email, ip: "198.51.100.2", succeeded: false, at: longAgo })) });
    expect((await checkSignInRateLimit(db, email, `198.51.100.3#${uniqueSuffix()}`)).limited).toBe(false);
  });
});
