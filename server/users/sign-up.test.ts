import { describe, expect, it } from "vitest";
import { anonymous } from "../access/actor";
import { verifyPassword } from "../auth/password";
import { throttles } from "../auth/throttle";
import { createCaller } from "../root";
import { callerFor, createMember, testDb, uniqueSuffix } from "../testing/fixtures";

const db = testDb();
/** Each test its own client address, so the per-IP limit never carries over between tests or runs. */
const anonymousFrom = (ip = `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`) => createCaller({ db, actor: anonymous, ip, userAgent: "vitest" });

describe("sign-up", () => {
  it("creates an unconfirmed user with an argon2id hash, emails a confirmation link and writes an audit row", async () => {
    const email = `Newcomer-${uniqueSuffix()}@Test.Example`;
    expect(await anonymousFrom().users.signUp({ name: "Eilidh Maclean", email, password: "correct horse battery" })).toEqual({ email: email.toLowerCase(), confirmed: false });
    const stored = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    const user = { id: stored.id };
    expect(stored.email).toBe(email.toLowerCase());
    expect(stored.emailVerified).toBeNull();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.passwordHash!, "correct horse battery")).toBe(true);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: email.toLowerCase(), template: "confirm-email" } });
    expect((mail.props as { url: string }).url).toMatch(/\/signup\/confirm\?email=.+&token=[\w-]{40,}$/);
    expect(await db.outboxMessage.count({ where: { dedupeKey: `welcome:${user.id}` } })).toBe(0);
    expect(await db.verificationToken.count({ where: { identifier: `confirm-email:${email.toLowerCase()}` } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: user.id, action: "user.signed_up" } })).toBe(1);
  });

  it("confirms at once someone who came from an invitation to that very address", async () => {
    const manager = await createMember(db, "APPLICANT");
    const email = `invited-${uniqueSuffix()}@test.example`;
    const { id } = await callerFor(manager).organisations.invite({ organisationId: manager.memberships[0]!.organisationId, email, role: "APPLICANT" });
    const acceptUrl = ((await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `invitation:${id}` } })).props as { acceptUrl: string }).acceptUrl;
    const invitationToken = acceptUrl.split("/invitations/")[1]!;

    // Someone else's invitation link proves nothing about this address.
    const other = `not-invited-${uniqueSuffix()}@test.example`;
    expect((await anonymousFrom().users.signUp({ name: "Not Invited", email: other, password: "a long enough password", invitationToken })).confirmed).toBe(false);

    expect((await anonymousFrom().users.signUp({ name: "Kitto Nance", email, password: "greisen and killas", invitationToken })).confirmed).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(await db.outboxMessage.count({ where: { dedupeKey: `welcome:${user.id}` } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { to: email, template: "confirm-email" } })).toBe(0);
  });

  it("answers a taken address, whatever its case, exactly as a new one, changes nothing, and tells the owner by email instead", async () => {
    const email = `twice-${uniqueSuffix()}@test.example`;
    const first = await anonymousFrom().users.signUp({ name: "First Person", email, password: "a long enough password" });
    const owner = await db.user.findUniqueOrThrow({ where: { email } });
    const second = await anonymousFrom().users.signUp({ name: "Second Person", email: email.toUpperCase(), password: "another long password" });
    expect(second).toEqual(first);
    expect(await db.user.findMany({ where: { email: { equals: email, mode: "insensitive" } }, select: { name: true, passwordHash: true } })).toEqual([{ name: "First Person", passwordHash: owner.passwordHash }]);
    const mail = await db.outboxMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" }, select: { template: true, props: true } });
    expect(mail.map((m) => m.template)).toEqual(["confirm-email", "account-exists"]);
    expect(mail[1]!.props).toMatchObject({ name: "First Person", signInUrl: expect.stringMatching(/\/signin$/) });
    // A third try within the hour sends no second note.
    await anonymousFrom().users.signUp({ name: "Third Person", email, password: "yet another password" });
    expect(await db.outboxMessage.count({ where: { to: email, template: "account-exists" } })).toBe(1);
  });

  it("refuses short passwords and malformed addresses with field messages", async () => {
    await expect(anonymousFrom().users.signUp({ name: "Short", email: "short@test.example", password: "tooshort" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("at least 12 characters") });
    await expect(anonymousFrom().users.signUp({ name: "Bad Mail", email: "not-an-address", password: "long enough password" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("email address") });
  });

  it("limits attempts per address, those for a taken address included, so an address cannot be probed or flooded", async () => {
    const email = `probed-${uniqueSuffix()}@test.example`;
    await anonymousFrom().users.signUp({ name: "Real Owner", email, password: "a long enough password" });
    for (let i = 1; i < throttles.signUp.perAddress; i++) {
      await expect(anonymousFrom().users.signUp({ name: "Prober", email, password: "a long enough password" })).resolves.toEqual({ email, confirmed: false });
    }
    await expect(anonymousFrom().users.signUp({ name: "Prober", email, password: "a long enough password" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/Too many accounts were asked for .* Try again in \d+ minutes?\./),
    });
  });

  it("limits sign-ups per IP", async () => {
    const ip = `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
    const caller = anonymousFrom(ip);
    await caller.users.signUp({ name: "First Here", email: `first-${uniqueSuffix()}@test.example`, password: "a long enough password" });
    await db.rateLimitHit.createMany({ data: Array.from({ length: throttles.signUp.perIp - 1 }, () => ({ bucket: `sign-up:ip:${ip}` })) });
    const email = `one-too-many-${uniqueSuffix()}@test.example`;
    await expect(caller.users.signUp({ name: "One Too Many", email, password: "a long enough password" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(await db.user.count({ where: { email } })).toBe(0);
    // Another network is not held back.
    await anonymousFrom().users.signUp({ name: "Elsewhere", email, password: "a long enough password" });
  });
});
