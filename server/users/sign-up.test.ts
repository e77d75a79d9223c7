import { describe, expect, it } from "vitest";
import { anonymous } from "../access/actor";
import { verifyPassword } from "../auth/password";
import { callerFor, testDb, uniqueSuffix } from "../testing/fixtures";
import { duplicateAccountMessage } from "./sign-up";

const db = testDb();

describe("sign-up", () => {
  it("creates the user with an argon2id hash, a welcome email and an audit row", async () => {
    const email = `Newcomer-${uniqueSuffix()}@Test.Example`;
    const user = await callerFor(anonymous).users.signUp({ name: "Eilidh Maclean", email, password: "correct horse battery" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.email).toBe(email.toLowerCase());
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.passwordHash!, "correct horse battery")).toBe(true);
    expect(await db.outboxMessage.count({ where: { dedupeKey: `welcome:${user.id}` } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: user.id, action: "user.signed_up" } })).toBe(1);
  });

  it("refuses a duplicate address, whatever its case, and changes nothing", async () => {
    const email = `twice-${uniqueSuffix()}@test.example`;
    await callerFor(anonymous).users.signUp({ name: "First Person", email, password: "a long enough password" });
    await expect(callerFor(anonymous).users.signUp({ name: "Second Person", email: email.toUpperCase(), password: "another long password" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: duplicateAccountMessage,
    });
    expect(await db.user.findMany({ where: { email: { equals: email, mode: "insensitive" } }, select: { name: true } })).toEqual([{ name: "First Person" }]);
    expect(await db.outboxMessage.count({ where: { to: { equals: email, mode: "insensitive" } } })).toBe(1);
  });

  it("refuses short passwords and malformed addresses with field messages", async () => {
    await expect(callerFor(anonymous).users.signUp({ name: "Short", email: "short@test.example", password: "tooshort" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("at least 12 characters") });
    await expect(callerFor(anonymous).users.signUp({ name: "Bad Mail", email: "not-an-address", password: "long enough password" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("email address") });
  });
});
