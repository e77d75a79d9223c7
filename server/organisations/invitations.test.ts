import { describe, expect, it } from "vitest";
import { hashInvitationToken } from "./invitation-token";
import { callerFor, createMember, createUserWithoutOrganisation, testDb } from "../testing/fixtures";

const db = testDb();

async function inviteAndGetToken(inviterRole: "APPLICANT" | "FACILITY_ADMIN" = "APPLICANT", role: "APPLICANT" | "FACILITY_STAFF" = "APPLICANT") {
  const manager = await createMember(db, inviterRole);
  const invitee = await createUserWithoutOrganisation(db);
  const organisationId = manager.memberships[0]!.organisationId;
  const { id } = await callerFor(manager).organisations.invite({ organisationId, email: invitee.email, role });
  const message = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `invitation:${id}` } });
  const acceptUrl = (message.props as { acceptUrl: string }).acceptUrl;
  return { manager, invitee, organisationId, invitationId: id, token: acceptUrl.split("/invitations/")[1]!, message };
}

describe("invitations", () => {
  it("emails a single-use link through the outbox and stores only the token's hash", async () => {
    const { invitationId, token, message, invitee } = await inviteAndGetToken();
    expect(message.template).toBe("invitation");
    expect(message.to).toBe(invitee.email);
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(stored.tokenHash).toBe(hashInvitationToken(token));
    expect(stored.tokenHash).not.toContain(token);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: invitationId, action: "invitation.sent" } });
    expect(audit.ip).toBe("203.0.113.7");
  });

  it("accepting makes the invitee a member; a second use is refused and changes nothing", async () => {
    const { invitee, organisationId, token } = await inviteAndGetToken();
    const result = await callerFor(invitee).organisations.acceptInvitation({ token });
    expect(result).toMatchObject({ organisationId, role: "APPLICANT" });
    expect(await db.membership.count({ where: { userId: invitee.userId, organisationId } })).toBe(1);

    await expect(callerFor(invitee).organisations.acceptInvitation({ token })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already been used") });
    expect(await db.membership.count({ where: { userId: invitee.userId, organisationId } })).toBe(1);
  });

  it("an expired invitation is refused with its date, and stays pending", async () => {
    const { invitee, invitationId, token } = await inviteAndGetToken();
    await db.invitation.update({ where: { id: invitationId }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000), expiresAt: new Date(Date.now() - 60_000) } });
    await expect(callerFor(invitee).organisations.acceptInvitation({ token })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("expired on") });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status).toBe("PENDING");
    expect(await db.membership.count({ where: { userId: invitee.userId } })).toBe(0);
  });

  it("only the invited address may accept", async () => {
    const { token, invitationId } = await inviteAndGetToken();
    const stranger = await createUserWithoutOrganisation(db);
    await expect(callerFor(stranger).organisations.acceptInvitation({ token })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("was sent to") });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status).toBe("PENDING");
  });

  it("an unknown token says the link is not valid", async () => {
    const someone = await createUserWithoutOrganisation(db);
    await expect(callerFor(someone).organisations.acceptInvitation({ token: "x".repeat(43) })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("not valid") });
  });

  it("two concurrent accepts produce one membership", async () => {
    const { invitee, organisationId, token } = await inviteAndGetToken();
    const results = await Promise.allSettled([callerFor(invitee).organisations.acceptInvitation({ token }), callerFor(invitee).organisations.acceptInvitation({ token })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { userId: invitee.userId, organisationId } })).toBe(1);
  });

  it("an applicant cannot make anyone (least of all themselves) a consortium lead", async () => {
    const manager = await createMember(db, "APPLICANT");
    const organisationId = manager.memberships[0]!.organisationId;
    await expect(callerFor(manager).organisations.invite({ organisationId, email: manager.email, role: "CONSORTIUM_LEAD" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("cannot grant the consortium lead role") });
    await expect(callerFor(manager).organisations.invite({ organisationId, email: "ally@test.example", role: "CONSORTIUM_LEAD" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.membership.count({ where: { organisationId, role: "CONSORTIUM_LEAD" } })).toBe(0);
    const lead = await createMember(db, "CONSORTIUM_LEAD", { organisationId });
    await expect(callerFor(manager).organisations.removeMember({ membershipId: (await db.membership.findFirstOrThrow({ where: { userId: lead.userId } })).id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a manager of another organisation cannot even see the organisation", async () => {
    const { organisationId } = await inviteAndGetToken();
    const outsider = await createMember(db, "APPLICANT");
    await expect(callerFor(outsider).organisations.invite({ organisationId, email: "someone@test.example", role: "APPLICANT" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(outsider).organisations.get({ organisationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a role that does not exist in that kind of organisation", async () => {
    const manager = await createMember(db, "APPLICANT");
    const organisationId = manager.memberships[0]!.organisationId;
    await expect(callerFor(manager).organisations.invite({ organisationId, email: "x@test.example", role: "FACILITY_STAFF" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("is not a role") });
    expect(await db.invitation.count({ where: { organisationId } })).toBe(0);
  });
});
