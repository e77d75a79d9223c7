import { describe, expect, it } from "vitest";
import type { SignedInActor } from "../access/actor";
import { completeContent, createFacilityWorld, createSmeApplicant, type FacilityWorld } from "../testing/access-fixtures";
import { callerFor, createMember, testDb } from "../testing/fixtures";
import { stateLabels } from "./state-machine";

const db = testDb();

/** Drives an open-route request to panel review through the real procedures. */
async function requestInPanel(world: FacilityWorld, applicant: SignedInActor, shifts = 4) {
  const { id } = await callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.NON_PROPRIETARY.id, organisationId: applicant.memberships[0]!.organisationId });
  await callerFor(applicant).accessRequests.submit({ requestId: id, content: completeContent(world.endstation.id, { shiftsRequested: shifts, companyDescription: "", expectedBenefit: "" }) });
  await callerFor(world.staff).accessRequests.startFeasibility({ requestId: id });
  await callerFor(world.staff).accessRequests.recordFeasibility({ requestId: id, outcome: "FEASIBLE", comments: "Feasible on T01.", shifts, sampleEnvironment: "" });
  await callerFor(world.staff).accessRequests.recordSafety({ requestId: id, hazards: ["NONE"], riskLevel: "LOW", conditions: "", cleared: true, comments: "" });
  return id;
}

async function seat(world: FacilityWorld, member: SignedInActor, isChair = false) {
  await db.panelMember.create({ data: { facilityId: world.facility.id, cycleId: world.cycle.id, userId: member.userId, isChair } });
}

describe("panel review of the non-proprietary route", () => {
  it("two members grade, the chair sees the ranking and allocates within the endstation's time", async () => {
    const world = await createFacilityWorld(db, { cycleDays: 3 }); // 3 days x 3 shifts = 9 shifts of time
    const [a, b] = [await createMember(db, "APPLICANT"), await createMember(db, "APPLICANT")];
    const first = await requestInPanel(world, a, 6);
    const second = await requestInPanel(world, b, 5);
    const [m1, m2, chair] = [await createMember(db, "APPLICANT"), await createMember(db, "APPLICANT"), await createMember(db, "APPLICANT")];
    await seat(world, m1);
    await seat(world, m2);
    await seat(world, chair, true);

    await callerFor(m1).accessRequests.grade({ requestId: first, grade: 1, comments: "Outstanding case for 3D liberation." });
    await callerFor(m2).accessRequests.grade({ requestId: first, grade: 2, comments: "Strong, well-justified shifts." });
    await callerFor(m1).accessRequests.grade({ requestId: second, grade: 3, comments: "Sound but incremental." });
    await callerFor(m1).accessRequests.grade({ requestId: second, grade: 4, comments: "Revised: the samples are not yet ready." });
    expect(await db.review.count({ where: { requestId: second, kind: "PANEL" } })).toBe(1);

    const memberDesk = (await callerFor(m1).accessRequests.panel()).find((d) => d.cycle.id === world.cycle.id)!;
    expect(memberDesk.requests.every((r) => r.allGrades.length === 0)).toBe(true);
    const desk = (await callerFor(chair).accessRequests.panel()).find((d) => d.cycle.id === world.cycle.id)!;
    expect(desk.requests.map((r) => [r.id, r.mean])).toEqual([[first, 1.5], [second, 4]]);
    expect(desk.capacity).toEqual([{ endstationId: world.endstation.id, name: "T01 Micro-tomography", remaining: 9 }]);

    await expect(callerFor(m1).accessRequests.allocate({ requestId: first, approve: true, shifts: 6, note: "Top ranked." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await callerFor(chair).accessRequests.allocate({ requestId: first, approve: true, shifts: 6, note: "Top ranked." });
    // A member asking for more than is left learns only that allocating is the chair's: the step is checked before the capacity.
    await expect(callerFor(m1).accessRequests.allocate({ requestId: second, approve: true, shifts: 50, note: "Probing." })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only the panel chair can do this." });
    const error = await callerFor(chair).accessRequests.allocate({ requestId: second, approve: true, shifts: 5, note: "Second." }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "T01 Micro-tomography has 3 shifts left in 2027-1; allocate at most that." });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: second } })).state).toBe("PANEL_REVIEW");
    await callerFor(chair).accessRequests.allocate({ requestId: second, approve: true, shifts: 3, note: "Reduced to the time left." });
    expect((await db.accessRequest.findMany({ where: { id: { in: [first, second] } }, select: { allocatedShifts: true } })).map((r) => r.allocatedShifts).sort()).toEqual([3, 6]);
  });

  it("a panel member from the applicant's organisation is excluded automatically", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createMember(db, "APPLICANT");
    const requestId = await requestInPanel(world, applicant);
    const colleague = await createMember(db, "APPLICANT", { organisationId: applicant.memberships[0]!.organisationId });
    await seat(world, colleague);
    await expect(callerFor(colleague).accessRequests.grade({ requestId, grade: 1, comments: "My own lab's work is excellent." })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("conflict of interest") });
    const desk = (await callerFor(colleague).accessRequests.panel()).find((d) => d.cycle.id === world.cycle.id)!;
    expect(desk.requests.map((r) => r.id)).not.toContain(requestId);
    expect(desk.excludedForConflict).toBe(1);
  });

  it("someone without a seat cannot grade", async () => {
    const world = await createFacilityWorld(db);
    const requestId = await requestInPanel(world, await createMember(db, "APPLICANT"));
    await expect(callerFor(await createMember(db, "APPLICANT")).accessRequests.grade({ requestId, grade: 2, comments: "Let me in please." })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("confidentiality of proprietary and SME requests", () => {
  async function proprietaryRequest() {
    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db);
    const { id } = await callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.SME_INDUSTRIAL.id, organisationId: applicant.memberships[0]!.organisationId });
    await callerFor(applicant).accessRequests.submit({ requestId: id, content: completeContent(world.endstation.id) });
    return { world, applicant, requestId: id };
  }

  it("the applicant's organisation and the facility's staff see it", async () => {
    const { world, applicant, requestId } = await proprietaryRequest();
    const colleague = await createMember(db, "CONSORTIUM_MEMBER", { organisationId: applicant.memberships[0]!.organisationId });
    for (const actor of [applicant, colleague, world.staff, world.admin]) {
      expect((await callerFor(actor).accessRequests.get({ requestId })).request.id).toBe(requestId);
      expect((await callerFor(actor).accessRequests.list({})).map((r) => r.id)).toContain(requestId);
    }
  });

  it("another organisation, another facility's staff, a panel member, a funder and a platform admin get not-found, and never see it listed", async () => {
    const { world, requestId } = await proprietaryRequest();
    const panelMember = await createMember(db, "APPLICANT");
    await seat(world, panelMember, true);
    const outsiders = [await createSmeApplicant(db), await createMember(db, "FACILITY_ADMIN"), panelMember, await createMember(db, "FUNDER"), await createMember(db, "PLATFORM_ADMIN")];
    for (const actor of outsiders) {
      await expect(callerFor(actor).accessRequests.get({ requestId })).rejects.toMatchObject({ code: "NOT_FOUND", message: "The request was not found." });
      expect((await callerFor(actor).accessRequests.list({})).map((r) => r.id)).not.toContain(requestId);
      expect((await callerFor(actor).accessRequests.panel()).flatMap((d) => d.requests.map((r) => r.id))).not.toContain(requestId);
    }
  });

  it("drafts are the applicant's alone, even for the facility", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db);
    const { id } = await callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.PROPRIETARY_INDUSTRIAL.id, organisationId: applicant.memberships[0]!.organisationId });
    await expect(callerFor(world.staff).accessRequests.get({ requestId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("funders see counts by state, with no content", async () => {
    await proprietaryRequest();
    const counts = await callerFor(await createMember(db, "FUNDER")).accessRequests.countsByState();
    expect(counts.SUBMITTED).toBeGreaterThanOrEqual(1);
    // Nothing but a number per state: no ids, titles or organisations.
    for (const [state, count] of Object.entries(counts)) {
      expect(Object.keys(stateLabels)).toContain(state);
      expect(typeof count).toBe("number");
    }
  });
});

describe("the panel and an approved request's agreement", () => {
  it("a panel member still reads the request they graded, but never its agreement, signatories or decline reasons", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createMember(db, "APPLICANT");
    const requestId = await requestInPanel(world, applicant);
    const [member, chair] = [await createMember(db, "APPLICANT"), await createMember(db, "APPLICANT")];
    await seat(world, member);
    await seat(world, chair, true);
    await callerFor(member).accessRequests.grade({ requestId, grade: 1, comments: "Excellent and well planned." });
    await callerFor(chair).accessRequests.allocate({ requestId, approve: true, shifts: 4, note: "Approved." });
    await db.agreementTemplate.create({
      data: { kind: "NON_PROPRIETARY", version: Math.floor(Math.random() * 1e9) + 1, title: "Open access", body: "Terms for {{reference}}, {{title}}, between {{parties}}.", custodyClause: "Custody.", dataAccessTier: "PUBLIC", createdById: world.admin.userId },
    });
    const { id: agreementId } = await callerFor(world.staff).agreements.send({ requestId });
    await db.membership.updateMany({ where: { userId: applicant.userId }, data: { authorisedSignatory: true } });
    await callerFor(applicant).agreements.decline({ agreementId, organisationId: applicant.memberships[0]!.organisationId, reason: "Our lawyers object to clause 7 on liability." });

    expect((await callerFor(applicant).accessRequests.get({ requestId })).agreement?.declined[0]?.reason).toContain("clause 7");
    for (const reader of [member, chair]) {
      const seen = await callerFor(reader).accessRequests.get({ requestId });
      expect(seen.request.state).toBe("APPROVED");
      expect(seen.agreement).toBeNull();
      expect(JSON.stringify(seen)).not.toContain("clause 7");
      await expect(callerFor(reader).agreements.get({ agreementId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
