import { describe, expect, it } from "vitest";
import type { SignedInActor } from "../access/actor";
import { loadActor } from "../auth/load-actor";
import { completeContent, createFacilityWorld, createSmeApplicant, type FacilityWorld } from "../testing/access-fixtures";
import { hashInvitationToken } from "./invitation-token";
import { callerFor, createMember, createUserWithoutOrganisation, testDb } from "../testing/fixtures";

const db = testDb();
const day = 86_400_000;

/** The actor as the next request would load it, after memberships changed. */
const fresh = async (actor: SignedInActor) => (await loadActor(db, actor.userId)) as SignedInActor;

/** Invites through the real procedure and accepts with the emailed link. */
async function inviteAndAccept(manager: SignedInActor, organisationId: string, invitee: SignedInActor, role: "APPLICANT" | "FACILITY_STAFF" | "FACILITY_ADMIN" = "APPLICANT") {
  const { id } = await callerFor(manager).organisations.invite({ organisationId, email: invitee.email, role });
  const { tokenHash } = await db.invitation.findUniqueOrThrow({ where: { id } });
  // A renewed invitation was emailed again: only the newest link works.
  const tokens = (await db.outboxMessage.findMany({ where: { to: invitee.email, template: "invitation" } })).map((m) => (m.props as { acceptUrl: string }).acceptUrl.split("/invitations/")[1]!);
  const token = tokens.find((t) => hashInvitationToken(t) === tokenHash)!;
  await callerFor(invitee).organisations.acceptInvitation({ token });
  return fresh(invitee);
}

describe("joining takes the person's acceptance", () => {
  it("a facility admin's invitation to an existing user makes no staff membership until they accept", async () => {
    const admin = await createMember(db, "FACILITY_ADMIN");
    const organisationId = admin.memberships[0]!.organisationId;
    const someone = await createUserWithoutOrganisation(db);
    await callerFor(admin).organisations.invite({ organisationId, email: someone.email, role: "FACILITY_STAFF" });
    expect(await db.membership.count({ where: { userId: someone.userId } })).toBe(0);
    await inviteAndAccept(admin, organisationId, someone, "FACILITY_STAFF");
    const membership = await db.membership.findFirstOrThrow({ where: { userId: someone.userId, organisationId } });
    expect(membership.role).toBe("FACILITY_STAFF");
  });
});

describe("leaving an organisation", () => {
  it("a member leaves: access ends, the membership is kept as history, and it is audited", async () => {
    const manager = await createMember(db, "APPLICANT");
    const organisationId = manager.memberships[0]!.organisationId;
    const colleague = await inviteAndAccept(manager, organisationId, await createUserWithoutOrganisation(db));
    const joined = await db.membership.findFirstOrThrow({ where: { userId: colleague.userId, organisationId } });

    await callerFor(colleague).organisations.leave({ organisationId });
    expect(await db.membership.count({ where: { userId: colleague.userId } })).toBe(0);
    const ended = await db.endedMembership.findUniqueOrThrow({ where: { membershipId: joined.id } });
    expect(ended).toMatchObject({ userId: colleague.userId, organisationId, role: "APPLICANT", startedAt: joined.createdAt, left: true, endedById: colleague.userId });
    expect(ended.endedAt.getTime()).toBeGreaterThanOrEqual(joined.createdAt.getTime());
    expect(await db.auditEvent.count({ where: { action: "membership.left", entityId: organisationId, actorId: colleague.userId } })).toBe(1);
    await expect(callerFor(await fresh(colleague)).organisations.get({ organisationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(db.$executeRaw`UPDATE "EndedMembership" SET "startedAt" = now() WHERE id = ${ended.id}`).rejects.toThrow(/history/);
  });

  it("the last person who can manage the organisation cannot leave until someone has taken over", async () => {
    const founder = await createMember(db, "APPLICANT");
    const organisationId = founder.memberships[0]!.organisationId;
    await expect(callerFor(founder).organisations.leave({ organisationId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/last person who can manage .* Invite a colleague as an applicant; once they have accepted, you can leave\./),
    });
    expect(await db.membership.count({ where: { userId: founder.userId, organisationId } })).toBe(1);

    // An invitation not yet accepted is not a hand-over.
    const successor = await createUserWithoutOrganisation(db);
    await callerFor(founder).organisations.invite({ organisationId, email: successor.email, role: "APPLICANT" });
    await expect(callerFor(founder).organisations.leave({ organisationId })).rejects.toMatchObject({ code: "CONFLICT" });
    await inviteAndAccept(founder, organisationId, successor);
    await callerFor(founder).organisations.leave({ organisationId });
    expect(await db.membership.count({ where: { userId: founder.userId } })).toBe(0);
  });

  it("the last two managers leaving at once cannot both go", async () => {
    const first = await createMember(db, "APPLICANT");
    const organisationId = first.memberships[0]!.organisationId;
    const second = await createMember(db, "APPLICANT", { organisationId });
    const results = await Promise.allSettled([callerFor(first).organisations.leave({ organisationId }), callerFor(second).organisations.leave({ organisationId })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.membership.count({ where: { organisationId } })).toBe(1);
  });

  it("someone who is not a member cannot leave, and learns nothing", async () => {
    const outsider = await createMember(db, "APPLICANT");
    const other = await createMember(db, "APPLICANT");
    await expect(callerFor(outsider).organisations.leave({ organisationId: other.memberships[0]!.organisationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a manager removing someone keeps the membership as history too", async () => {
    const manager = await createMember(db, "APPLICANT");
    const organisationId = manager.memberships[0]!.organisationId;
    const colleague = await createMember(db, "APPLICANT", { organisationId });
    const membership = await db.membership.findFirstOrThrow({ where: { userId: colleague.userId } });
    await callerFor(manager).organisations.removeMember({ membershipId: membership.id });
    expect(await db.endedMembership.findUniqueOrThrow({ where: { membershipId: membership.id } })).toMatchObject({ left: false, endedById: manager.userId, startedAt: membership.createdAt });
  });

  it("a consortium lead cannot remove the organisation's last applicant; a platform admin can", async () => {
    const applicant = await createMember(db, "APPLICANT", { name: "Morwenna Tregear" });
    const organisationId = applicant.memberships[0]!.organisationId;
    const lead = await createMember(db, "CONSORTIUM_LEAD", { organisationId });
    const membership = await db.membership.findFirstOrThrow({ where: { userId: applicant.userId, organisationId } });
    await expect(callerFor(lead).organisations.removeMember({ membershipId: membership.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Morwenna Tregear is the organisation's last applicant, who answers for its requests, agreements and invoices. Invite another applicant first (once they have accepted you can remove Morwenna Tregear), or ask a platform admin.",
    });
    expect(await db.membership.count({ where: { id: membership.id } })).toBe(1);
    // With a second applicant in the organisation, the lead may remove the first.
    const second = await createMember(db, "APPLICANT", { organisationId });
    await callerFor(lead).organisations.removeMember({ membershipId: membership.id });
    const secondMembership = await db.membership.findFirstOrThrow({ where: { userId: second.userId, organisationId } });
    await expect(callerFor(lead).organisations.removeMember({ membershipId: secondMembership.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await callerFor(await createMember(db, "PLATFORM_ADMIN")).organisations.removeMember({ membershipId: secondMembership.id });
    expect(await db.membership.count({ where: { organisationId, role: "APPLICANT" } })).toBe(0);
  });
});

describe("people who left stop getting the organisation's emails", () => {
  it("a request's news goes to its creator while they belong, and to the organisation's managers once they have left", async () => {
    const world = await createFacilityWorld(db);
    const manager = await createSmeApplicant(db);
    const organisationId = manager.memberships[0]!.organisationId;
    const creator = await inviteAndAccept(manager, organisationId, await createUserWithoutOrganisation(db));
    const { id: requestId } = await callerFor(creator).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.SME_INDUSTRIAL.id, organisationId });
    await callerFor(creator).accessRequests.submit({ requestId, content: completeContent(world.endstation.id) });
    expect(await db.outboxMessage.count({ where: { to: creator.email, template: "request-submitted" } })).toBe(1);

    await callerFor(creator).organisations.leave({ organisationId });
    await callerFor(world.staff).accessRequests.startFeasibility({ requestId });
    expect(await db.outboxMessage.count({ where: { to: creator.email, template: "request-update" } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { to: manager.email, template: "request-update" } })).toBe(1);
  });
});

describe("a panel seat's conflicts are judged on memberships as they stood when the call closed", () => {
  /** An open-route request in panel review whose call closed ten days ago, and a panel member of the cycle. */
  async function closedCall() {
    const world = await createFacilityWorld(db);
    const applicant = await createMember(db, "APPLICANT");
    const organisationId = applicant.memberships[0]!.organisationId;
    const requestId = await requestInPanel(world, applicant);
    const closesAt = new Date(Date.now() - 10 * day);
    await db.call.update({ where: { id: world.call.id }, data: { opensAt: new Date(closesAt.getTime() - 30 * day), closesAt } });
    const panellist = await createMember(db, "APPLICANT");
    await db.panelMember.create({ data: { facilityId: world.facility.id, cycleId: world.cycle.id, userId: panellist.userId } });
    return { world, applicant, organisationId, requestId, closesAt, panellist };
  }

  it("an applicant cannot make a panel member conflicted by bringing them into the organisation after the close", async () => {
    const { world, applicant, organisationId, requestId, panellist } = await closedCall();
    const joinedLate = await inviteAndAccept(applicant, organisationId, panellist);
    expect(joinedLate.memberships.map((m) => m.organisationId)).toContain(organisationId);

    await callerFor(joinedLate).accessRequests.grade({ requestId, grade: 2, comments: "Strong case, well-justified shifts." });
    const desk = (await callerFor(joinedLate).accessRequests.panel()).find((d) => d.cycle.id === world.cycle.id)!;
    expect(desk.requests.map((r) => r.id)).toContain(requestId);
    expect(desk.excludedForConflict).toBe(0);
  });

  it("leaving after the close does not hide a conflict", async () => {
    const { world, applicant, organisationId, requestId, closesAt, panellist } = await closedCall();
    await db.membership.create({ data: { userId: panellist.userId, organisationId, role: "APPLICANT", createdAt: new Date(closesAt.getTime() - 60 * day) } });
    await callerFor(await fresh(panellist)).organisations.leave({ organisationId });
    const departed = await fresh(panellist);
    expect(departed.memberships.map((m) => m.organisationId)).not.toContain(organisationId);

    await expect(callerFor(departed).accessRequests.grade({ requestId, grade: 1, comments: "Outstanding, naturally." })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("conflict of interest") });
    const desk = (await callerFor(departed).accessRequests.panel()).find((d) => d.cycle.id === world.cycle.id)!;
    expect(desk.requests.map((r) => r.id)).not.toContain(requestId);
    expect(desk.excludedForConflict).toBe(1);
    expect(applicant.userId).not.toBe(departed.userId);
  });

  it("a membership that ended before the close is no conflict", async () => {
    const { requestId, organisationId, closesAt, panellist } = await closedCall();
    await db.endedMembership.create({ data: { membershipId: `ended-${panellist.userId}`, userId: panellist.userId, organisationId, role: "APPLICANT", authorisedSignatory: false, startedAt: new Date(closesAt.getTime() - 400 * day), endedAt: new Date(closesAt.getTime() - 1), left: true } });
    await callerFor(panellist).accessRequests.grade({ requestId, grade: 3, comments: "Sound but incremental." });
  });
});

/** Drives an open-route request to panel review through the real procedures. */
async function requestInPanel(world: FacilityWorld, applicant: SignedInActor) {
  const { id } = await callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.NON_PROPRIETARY.id, organisationId: applicant.memberships[0]!.organisationId });
  await callerFor(applicant).accessRequests.submit({ requestId: id, content: completeContent(world.endstation.id, { shiftsRequested: 4, companyDescription: "", expectedBenefit: "" }) });
  await callerFor(world.staff).accessRequests.startFeasibility({ requestId: id });
  await callerFor(world.staff).accessRequests.recordFeasibility({ requestId: id, outcome: "FEASIBLE", comments: "Feasible on T01.", shifts: 4, sampleEnvironment: "" });
  await callerFor(world.staff).accessRequests.recordSafety({ requestId: id, hazards: ["NONE"], riskLevel: "LOW", conditions: "", cleared: true, comments: "" });
  return id;
}
