import { describe, expect, it } from "vitest";
import { anonymous } from "../access/actor";
import { inTransaction } from "../db";
import { createCaller } from "../root";
import { testDb, uniqueSuffix } from "../testing/fixtures";
import { loadActor } from "./load-actor";
import { signInMessages } from "./messages";
import { passwordSignIn } from "./password-sign-in";
import { hashPassword } from "./password";
import { signInLimits } from "./rate-limit";

const db = testDb();
const meta = () => ({ ip: `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`, userAgent: "vitest" });
const password = "a long enough password";

/** Signs up as the form does and returns the token from the confirmation email. */
async function signUpUnconfirmed() {
  const email = `unconfirmed-${uniqueSuffix()}@test.example`;
  await createCaller({ db, actor: anonymous, ...meta() }).users.signUp({ name: "Ana Unconfirmed", email, password });
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: email, template: "confirm-email" } });
  const token = new URL((mail.props as { url: string }).url).searchParams.get("token")!;
  return { id: user.id, email, token };
}

describe("password sign-in", () => {
  it("signs in a confirmed account and audits it with the client's address", async () => {
    const email = `confirmed-${uniqueSuffix()}@test.example`;
    const created = await db.user.create({ data: { email, name: "Confirmed", passwordHash: await hashPassword(password), emailVerified: new Date() } });
    const where = meta();
    expect(await passwordSignIn(db, { email, password }, where)).toMatchObject({ id: created.id, email });
    expect((await db.auditEvent.findFirstOrThrow({ where: { entityId: created.id, action: "user.signed_in" } })).ip).toBe(where.ip);
  });

  it("refuses an unconfirmed account, saying so only to someone with the right password", async () => {
    const { id, email } = await signUpUnconfirmed();
    await expect(passwordSignIn(db, { email, password: "not the password" }, meta())).rejects.toThrow(signInMessages.wrongCredentials);
    await expect(passwordSignIn(db, { email, password }, meta())).rejects.toThrow(signInMessages.unconfirmed);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "user.signed_in" } })).toBe(0);
    // A session somehow issued to it is worth nothing either.
    expect(await loadActor(db, id)).toEqual({ kind: "anonymous" });
  });

  it("the confirmation link with the password confirms the address and signs in, once", async () => {
    const { id, email, token } = await signUpUnconfirmed();
    expect(await passwordSignIn(db, { email, password, confirmationToken: token }, meta())).toMatchObject({ id });
    expect((await db.user.findUniqueOrThrow({ where: { id } })).emailVerified).toBeInstanceOf(Date);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "user.email_confirmed" } })).toBe(1);
    expect(await loadActor(db, id)).toMatchObject({ kind: "user", userId: id });
    // The password alone works from now on; the used link adds nothing.
    await expect(passwordSignIn(db, { email, password }, meta())).resolves.toMatchObject({ id });
    expect(await db.verificationToken.count({ where: { identifier: `confirm-email:${email}` } })).toBe(0);
  });

  it("the link without the password, or someone else's link, confirms nothing", async () => {
    const { id, email, token } = await signUpUnconfirmed();
    const other = await signUpUnconfirmed();
    await expect(passwordSignIn(db, { email, password: "not the password", confirmationToken: token }, meta())).rejects.toThrow(signInMessages.wrongCredentials);
    await expect(passwordSignIn(db, { email, password, confirmationToken: other.token }, meta())).rejects.toThrow(signInMessages.confirmationLinkInvalid);
    expect((await db.user.findUniqueOrThrow({ where: { id } })).emailVerified).toBeNull();
    expect(await db.verificationToken.count({ where: { identifier: `confirm-email:${email}` } })).toBe(1);
  });

  it("an expired confirmation link is refused", async () => {
    const { id, email, token } = await signUpUnconfirmed();
    await db.verificationToken.updateMany({ where: { identifier: `confirm-email:${email}` }, data: { expires: new Date(Date.now() - 60_000) } });
    await expect(passwordSignIn(db, { email, password, confirmationToken: token }, meta())).rejects.toThrow(signInMessages.confirmationLinkInvalid);
    expect((await db.user.findUniqueOrThrow({ where: { id } })).emailVerified).toBeNull();
  });

  it("parallel wrong guesses: only the allowed number are even checked", async () => {
    const email = `guessed-${uniqueSuffix()}@test.example`;
    await db.user.create({ data: { email, name: "Guessed", passwordHash: await hashPassword(password), emailVerified: new Date() } });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => passwordSignIn(db, { email, password: `guess number ${i}` }, meta())));
    const messages = results.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "signed in"));
    expect(messages.filter((m) => m === signInMessages.wrongCredentials)).toHaveLength(signInLimits.perAccount);
    expect(messages.filter((m) => m.startsWith("Too many failed sign-in attempts"))).toHaveLength(12 - signInLimits.perAccount);
    // Locked now, even with the right password.
    await expect(passwordSignIn(db, { email, password }, meta())).rejects.toThrow(/Too many failed sign-in attempts/);
  });
});

describe("load actor", () => {
  it("treats an unconfirmed account as signed out", async () => {
    const user = await inTransaction((tx) => tx.user.create({ data: { email: `never-${uniqueSuffix()}@test.example`, name: "Never Confirmed" } }), db);
    expect(await loadActor(db, user.id)).toEqual({ kind: "anonymous" });
  });
});
