import { describe, expect, it } from "vitest";
import { hashInvitationToken } from "./invitation-token";
import { inviteMember } from "./invite-member";
import { callerFor, contextFor, createMember, testDb, uniqueSuffix } from "../testing/fixtures";

const db = testDb();

async function managerOf(role: "APPLICANT" | "CONSORTIUM_LEAD" = "APPLICANT") {
  const manager = await createMember(db, role);
  return { manager, organisationId: manager.memberships[0]!.organisationId, email: `colleague-${uniqueSuffix()}@test.example` };
}

/** The invitation emails queued for an address, oldest first, with the token each one carries. */
async function invitationEmailsTo(email: string) {
  const messages = await db.outboxMessage.findMany({ where: { to: email, template: "invitation" }, orderBy: { createdAt: "asc" } });
  return messages.map((m) => {
    const props = m.props as { acceptUrl: string; roleLabel: string };
    return { ...m, roleLabel: props.roleLabel, token: props.acceptUrl.split("/invitations/")[1]! };
  });
}

describe("one pending invitation per person and organisation", () => {
  it("a second invite renews the pending invitation and emails a new link; the first link no longer works", async () => {
    const { manager, organisationId, email } = await managerOf();
    const first = await callerFor(manager).organisations.invite({ organisationId, email, role: "APPLICANT" });
    const second = await callerFor(manager).organisations.invite({ organisationId, email, role: "APPLICANT" });

    expect(first.resent).toBe(false);
    expect(second).toMatchObject({ id: first.id, resent: true, previousRole: null });
    expect(await db.invitation.count({ where: { organisationId, email } })).toBe(1);
    const emails = await invitationEmailsTo(email);
    expect(emails).toHaveLength(2);
    expect(emails[0]!.token).not.toBe(emails[1]!.token);
    const resentAudit = await db.auditEvent.findMany({ where: { entityId: first.id, action: "invitation.sent" }, orderBy: { id: "asc" } });
    expect(resentAudit).toHaveLength(2);
    expect(resentAudit[1]!.summary).toMatchObject({ before: { role: "APPLICANT" }, after: { resent: true } });

    const invitee = await db.user.create({ data: { email, name: "Demelza Pascoe" } });
    const inviteeCaller = callerFor({ kind: "user", userId: invitee.id, email, name: invitee.name, memberships: [] });
    await expect(inviteeCaller.organisations.acceptInvitation({ token: emails[0]!.token })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("not valid") });
    await expect(inviteeCaller.organisations.acceptInvitation({ token: emails[1]!.token })).resolves.toMatchObject({ organisationId, role: "APPLICANT" });
  });

  it("a second invite in another role moves the pending invitation to that role and says so", async () => {
    const { manager, organisationId, email } = await managerOf("CONSORTIUM_LEAD");
    await callerFor(manager).organisations.invite({ organisationId, email, role: "APPLICANT" });
    const second = await callerFor(manager).organisations.invite({ organisationId, email, role: "CONSORTIUM_MEMBER" });
    expect(second).toMatchObject({ resent: true, role: "CONSORTIUM_MEMBER", previousRole: "APPLICANT" });
    const pending = await db.invitation.findMany({ where: { organisationId, email, status: "PENDING" } });
    expect(pending.map((i) => i.role)).toEqual(["CONSORTIUM_MEMBER"]);
    expect((await invitationEmailsTo(email)).map((m) => m.roleLabel)).toEqual(["Applicant", "Consortium member"]);
  });

  it("cannot change a pending invitation to a role the sender could not grant", async () => {
    const { manager: lead, organisationId, email } = await managerOf("CONSORTIUM_LEAD");
    const applicant = await createMember(db, "APPLICANT", { organisationId });
    await callerFor(lead).organisations.invite({ organisationId, email, role: "CONSORTIUM_LEAD" });
    await expect(callerFor(applicant).organisations.invite({ organisationId, email, role: "APPLICANT" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("pending invitation as a consortium lead") });
    expect((await db.invitation.findFirstOrThrow({ where: { organisationId, email } })).role).toBe("CONSORTIUM_LEAD");
    expect(await invitationEmailsTo(email)).toHaveLength(1);
  });

  it("two concurrent invites for the same person leave one pending invitation, each click emailing its link", async () => {
    const { manager, organisationId, email } = await managerOf();
    const invite = () => callerFor(manager).organisations.invite({ organisationId, email, role: "APPLICANT" });
    const results = await Promise.allSettled([invite(), invite(), invite()]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    const rows = await db.invitation.findMany({ where: { organisationId, email } });
    expect(rows).toHaveLength(1);
    const emails = await invitationEmailsTo(email);
    expect(emails).toHaveLength(3);
    // Only the link of the last renewal to commit opens the invitation.
    expect(emails.filter((m) => hashInvitationToken(m.token) === rows[0]!.tokenHash)).toHaveLength(1);
  });

  it("an invite arriving while another for the same person is uncommitted waits for it, then renews it", async () => {
    const { manager, organisationId, email } = await managerOf();
    const input = { organisationId, email, role: "APPLICANT" as const };
    let second: Promise<{ resent: boolean }> | undefined;
    await db.$transaction(async (tx) => {
      await inviteMember(tx, { ...contextFor(manager), actor: manager }, input);
      second = callerFor(manager).organisations.invite(input);
      await untilASessionWaitsForALock();
    }, { timeout: 20_000 });
    await expect(second).resolves.toMatchObject({ resent: true });
    expect(await db.invitation.count({ where: { organisationId, email } })).toBe(1);
  });

  it("an address differing only in case is the same person: the older mixed-case invitation is renewed", async () => {
    const { manager, organisationId, email } = await managerOf();
    const legacy = await db.invitation.create({
      data: { organisationId, email: email.toUpperCase(), role: "APPLICANT", tokenHash: `legacy-${uniqueSuffix()}`, expiresAt: new Date(Date.now() + 86_400_000), invitedById: manager.userId },
    });
    const result = await callerFor(manager).organisations.invite({ organisationId, email: email.replace("colleague", "Colleague"), role: "APPLICANT" });
    expect(result).toMatchObject({ id: legacy.id, resent: true, email });
    const rows = await db.invitation.findMany({ where: { organisationId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.email).toBe(email);
  });

  it("an expired invitation still pending is renewed with a fresh week rather than duplicated", async () => {
    const { manager, organisationId, email } = await managerOf();
    const first = await callerFor(manager).organisations.invite({ organisationId, email, role: "APPLICANT" });
    await db.invitation.update({ where: { id: first.id }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000), expiresAt: new Date(Date.now() - 60_000) } });
    const second = await callerFor(manager).organisations.invite({ organisationId, email, role: "APPLICANT" });
    expect(second).toMatchObject({ id: first.id, resent: true });
    expect(second.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(await db.invitation.count({ where: { organisationId, email } })).toBe(1);
  });

  it("the database refuses a second pending invitation for the same organisation and address, whatever its case", async () => {
    const { manager, organisationId, email } = await managerOf();
    const row = (over: { email: string; status?: "PENDING" | "REVOKED" }) => ({
      organisationId, role: "APPLICANT" as const, tokenHash: `direct-${uniqueSuffix()}`, expiresAt: new Date(Date.now() + 86_400_000), invitedById: manager.userId, ...over,
    });
    await db.invitation.create({ data: row({ email }) });
    await expect(db.invitation.create({ data: row({ email }) })).rejects.toMatchObject({ code: "P2002" });
    await expect(db.invitation.create({ data: row({ email: email.toUpperCase() }) })).rejects.toMatchObject({ code: "P2002" });
    // Withdrawn and used invitations do not count: history stays.
    await expect(db.invitation.create({ data: row({ email, status: "REVOKED" }) })).resolves.toBeTruthy();
    expect(await db.invitation.count({ where: { organisationId, status: "PENDING" } })).toBe(1);
  });

  it("inviting someone who already holds that role is refused with a clear message, and sends nothing", async () => {
    const { manager, organisationId } = await managerOf();
    const member = await createMember(db, "APPLICANT", { organisationId });
    await expect(callerFor(manager).organisations.invite({ organisationId, email: member.email, role: "APPLICANT" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `${member.email} is already an applicant of ${manager.memberships[0]!.organisationName}.`,
    });
    expect(await db.invitation.count({ where: { organisationId } })).toBe(0);
    expect(await invitationEmailsTo(member.email)).toHaveLength(0);
  });
});

/** Holds the first transaction open until the second invite is blocked behind it (or 5 s pass, as on code that does not wait). */
async function untilASessionWaitsForALock() {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const [{ waiting }] = await db.$queryRaw<[{ waiting: number }]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
