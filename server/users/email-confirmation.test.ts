import { describe, expect, it } from "vitest";
import { anonymous } from "../access/actor";
import { throttles } from "../auth/throttle";
import { createCaller } from "../root";
import { testDb, uniqueSuffix } from "../testing/fixtures";

const db = testDb();
const anonymousFrom = (ip = `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`) => createCaller({ db, actor: anonymous, ip, userAgent: "vitest" });
const links = async (email: string) => (await db.outboxMessage.findMany({ where: { to: email, template: "confirm-email" }, orderBy: { createdAt: "asc" } })).map((m) => (m.props as { url: string }).url);

describe("confirmation link resend", () => {
  it("sends a new link to an unconfirmed account; the earlier one stops working", async () => {
    const email = `resend-${uniqueSuffix()}@test.example`;
    await anonymousFrom().users.signUp({ name: "Ana Resend", email, password: "a long enough password" });
    await anonymousFrom().users.resendConfirmation({ email: email.toUpperCase() });
    const [first, second] = await links(email);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await db.verificationToken.count({ where: { identifier: `confirm-email:${email}` } })).toBe(1);
  });

  it("answers the same for unknown and confirmed addresses, and sends them nothing", async () => {
    const unknown = `nobody-${uniqueSuffix()}@test.example`;
    await expect(anonymousFrom().users.resendConfirmation({ email: unknown })).resolves.toBeUndefined();
    const confirmed = await db.user.create({ data: { email: `confirmed-${uniqueSuffix()}@test.example`, name: "Confirmed", passwordHash: "x", emailVerified: new Date() } });
    await expect(anonymousFrom().users.resendConfirmation({ email: confirmed.email })).resolves.toBeUndefined();
    expect(await db.outboxMessage.count({ where: { to: { in: [unknown, confirmed.email] } } })).toBe(0);
  });

  it("is limited per address with a clear message", async () => {
    const email = `flooded-${uniqueSuffix()}@test.example`;
    await anonymousFrom().users.signUp({ name: "Flooded", email, password: "a long enough password" });
    for (let i = 0; i < throttles.confirmationLink.perAddress; i++) await anonymousFrom().users.resendConfirmation({ email });
    await expect(anonymousFrom().users.resendConfirmation({ email })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringContaining("Too many confirmation links") });
    expect(await links(email)).toHaveLength(1 + throttles.confirmationLink.perAddress);
  });
});
