import { describe, expect, it } from "vitest";
import { createMember, testDb, uniqueSuffix } from "../testing/fixtures";
import { hashPassword } from "./password";
import { signInCallback, ssoProviderId } from "./sign-in-callback";
import { throttles } from "./throttle";

const db = testDb();
const meta = () => ({ ip: `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`, userAgent: "vitest" });

/** An account someone created with this address and never confirmed, holding a membership (possible before confirmation existed). */
async function squattedAccount() {
  const member = await createMember(db, "APPLICANT");
  await db.user.update({ where: { id: member.userId }, data: { passwordHash: await hashPassword("the squatter's password"), emailVerified: null } });
  return member;
}

const openSignInLink = (email: string) => signInCallback(db, meta(), { user: { email }, account: { provider: "email", providerAccountId: email } });
const sso = (email: string, sub: string, profile: { email_verified?: unknown }) =>
  signInCallback(db, meta(), { user: { email }, account: { provider: ssoProviderId, providerAccountId: sub }, profile });

describe("sign-in callback", () => {
  it("opening a sign-in link hands an unconfirmed account to the address owner: password and memberships gone", async () => {
    const squatted = await squattedAccount();
    expect(await openSignInLink(squatted.email)).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { id: squatted.userId }, include: { memberships: true } });
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(user.passwordHash).toBeNull();
    expect(user.memberships).toEqual([]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: squatted.userId, action: "user.address_claimed" } });
    expect(audit.summary).toMatchObject({
      before: { passwordSet: true, memberships: [{ organisationId: squatted.memberships[0]!.organisationId, role: "APPLICANT" }] },
      after: { method: "sign-in-link", passwordSet: false },
    });
  });

  it("a confirmed account keeps its password and memberships when signing in by link", async () => {
    const member = await createMember(db, "APPLICANT");
    await db.user.update({ where: { id: member.userId }, data: { passwordHash: "kept", emailVerified: new Date() } });
    expect(await openSignInLink(member.email)).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { id: member.userId }, include: { memberships: true } });
    expect(user.passwordHash).toBe("kept");
    expect(user.memberships).toHaveLength(1);
  });

  it("limits sign-in link requests per address, with an error code the page explains", async () => {
    const email = `link-${uniqueSuffix()}@test.example`;
    const ask = () => signInCallback(db, meta(), { user: { email }, account: { provider: "email", providerAccountId: email }, email: { verificationRequest: true } });
    for (let i = 0; i < throttles.signInLink.perAddress; i++) expect(await ask()).toBe(true);
    expect(await ask()).toBe("/signin?error=SignInLinkLimited");
  });

  it("limits sign-in link requests per IP, whatever the addresses", async () => {
    const where = meta();
    const ask = (email: string) => signInCallback(db, where, { user: { email }, account: { provider: "email", providerAccountId: email }, email: { verificationRequest: true } });
    await db.rateLimitHit.createMany({ data: Array.from({ length: throttles.signInLink.perIp }, () => ({ bucket: `sign-in-link:ip:${where.ip}` })) });
    expect(await ask(`fresh-${uniqueSuffix()}@test.example`)).toBe("/signin?error=SignInLinkLimited");
  });

  it("single sign-on joins an existing account only when the provider verified the address", async () => {
    const squatted = await squattedAccount();
    const sub = `sub-${uniqueSuffix()}`;
    expect(await sso(squatted.email, sub, {})).toBe("/signin?error=SsoAddressUnverified");
    expect(await sso(squatted.email, sub, { email_verified: false })).toBe("/signin?error=SsoAddressUnverified");
    expect(await sso(squatted.email, sub, { email_verified: "false" })).toBe("/signin?error=SsoAddressUnverified");
    let user = await db.user.findUniqueOrThrow({ where: { id: squatted.userId } });
    expect(user.emailVerified).toBeNull();
    expect(user.passwordHash).not.toBeNull();

    expect(await sso(squatted.email, sub, { email_verified: true })).toBe(true);
    user = await db.user.findUniqueOrThrow({ where: { id: squatted.userId } });
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(user.passwordHash).toBeNull();
  });

  it("an identity already linked signs in even if the provider no longer says verified", async () => {
    const member = await createMember(db, "APPLICANT");
    const sub = `sub-${uniqueSuffix()}`;
    await db.account.create({ data: { userId: member.userId, type: "oauth", provider: ssoProviderId, providerAccountId: sub } });
    expect(await sso(member.email, sub, {})).toBe(true);
    expect(await sso(member.email, sub, { email_verified: "true" })).toBe(true);
  });
});
