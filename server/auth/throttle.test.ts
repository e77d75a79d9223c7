import { describe, expect, it } from "vitest";
import { inTransaction } from "../db";
import { testDb, uniqueSuffix } from "../testing/fixtures";
import { takeThrottleSlot, throttles, type Throttle } from "./throttle";

const db = testDb();
const throttle: Throttle = { name: `test-${uniqueSuffix()}`, windowMinutes: 10, perAddress: 3, perIp: 5, message: (m) => `wait ${m}` };
const take = (address: string, ip: string | null, now = new Date()) => inTransaction((tx) => takeThrottleSlot(tx, throttle, { address, ip }, now), db);

describe("request throttles", () => {
  it("limits one address, says for how long, and lets it go once the window has passed", async () => {
    const address = `a-${uniqueSuffix()}@test.example`;
    const start = new Date(Date.now() - 60_000);
    for (let i = 0; i < throttle.perAddress; i++) expect(await take(address, `192.0.2.${i}`, start)).toEqual({ limited: false });
    expect(await take(address.toUpperCase(), "192.0.2.99", start)).toEqual({ limited: true, retryAfterMinutes: 10 });
    expect(await take(address, "192.0.2.99", new Date(start.getTime() + 4 * 60_000))).toEqual({ limited: true, retryAfterMinutes: 6 });
    expect(await take(address, "192.0.2.99", new Date(start.getTime() + 10 * 60_000 + 1_000))).toEqual({ limited: false });
  });

  it("limits one IP across addresses, but never lumps unknown IPs together", async () => {
    const ip = `198.51.100.7#${uniqueSuffix()}`;
    for (let i = 0; i < throttle.perIp; i++) expect((await take(`spread-${i}-${uniqueSuffix()}@test.example`, ip)).limited).toBe(false);
    expect((await take(`spread-last-${uniqueSuffix()}@test.example`, ip)).limited).toBe(true);
    for (let i = 0; i < throttle.perIp + 1; i++) expect((await take(`unknown-${i}-${uniqueSuffix()}@test.example`, null)).limited).toBe(false);
  });

  it("a refused request is not counted", async () => {
    const address = `refused-${uniqueSuffix()}@test.example`;
    for (let i = 0; i < throttle.perAddress + 3; i++) await take(address, `203.0.113.${i}#${address}`);
    expect(await db.rateLimitHit.count({ where: { bucket: `${throttle.name}:address:${address}` } })).toBe(throttle.perAddress);
  });

  it("concurrent requests take turns, so no more than the limit pass", async () => {
    const address = `burst-${uniqueSuffix()}@test.example`;
    const verdicts = await Promise.all(Array.from({ length: 8 }, (_, i) => take(address, `203.0.113.${i}#${address}`)));
    expect(verdicts.filter((v) => !v.limited)).toHaveLength(throttle.perAddress);
  });

  it("every limited request has a message that says when to try again", () => {
    for (const t of Object.values(throttles)) expect(t.message(7)).toMatch(/7 minutes/);
    expect(throttles.signUp.message(1)).toMatch(/1 minute\./);
  });
});

describe("sign-in link limit message", () => {
  it("names the window the limit really uses", async () => {
    const { signInMessages } = await import("./messages");
    expect(signInMessages.signInLinkLimited).toContain(`${throttles.signInLink.windowMinutes} minutes`);
  });
});
