import { describe, expect, it } from "vitest";
import { createFacilityWorld, createSmeApplicant, completeContent } from "../testing/access-fixtures";
import { callerFor, createMember, testDb } from "../testing/fixtures";

const db = testDb();

async function submittedSmeRequest() {
  const world = await createFacilityWorld(db);
  const applicant = await createSmeApplicant(db);
  const organisationId = applicant.memberships[0]!.organisationId;
  const { id } = await callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.SME_INDUSTRIAL.id, organisationId });
  const submitted = await callerFor(applicant).accessRequests.submit({ requestId: id, content: completeContent(world.endstation.id) });
  return { world, applicant, organisationId, requestId: id, reference: submitted.reference };
}

describe("an SME industrial request from draft to approval", () => {
  it("numbers it, freezes version 1, starts the clock, and emails applicant and staff", async () => {
    const { requestId, reference, applicant, world } = await submittedSmeRequest();
    expect(reference).toMatch(/^LDS-\d{2}-\d{4}$/);
    const request = await db.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: { versions: true, endstations: true } });
    expect(request).toMatchObject({ state: "SUBMITTED", version: 1, shiftsRequested: 4 });
    expect(request.versions).toHaveLength(1);
    expect(request.endstations.map((e) => e.endstationId)).toEqual([world.endstation.id]);
    expect(request.decisionDueAt!.getTime() - request.firstSubmittedAt!.getTime()).toBe(10 * 86_400_000);
    expect(await db.outboxMessage.count({ where: { template: "request-submitted", to: applicant.email } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { template: "request-submitted", to: { in: [world.staff.email, world.admin.email] } } })).toBe(2);
    expect(await db.auditEvent.count({ where: { entityId: requestId, action: "access_request.submit" } })).toBe(1);
    // The team member named in the content (not the creator) is told once.
    expect(await db.outboxMessage.count({ where: { template: "request-team-named", to: "amara@test.example" } })).toBeGreaterThanOrEqual(1);
    expect(await db.outboxMessage.count({ where: { template: "request-team-named", dedupeKey: { startsWith: `request-team-named:${requestId}:` } } })).toBe(1);
  });

  it("submitting twice is refused and changes nothing", async () => {
    const { requestId, applicant, world } = await submittedSmeRequest();
    await expect(callerFor(applicant).accessRequests.submit({ requestId, content: completeContent(world.endstation.id, { title: "A different title entirely" }) })).rejects.toMatchObject({ code: "CONFLICT" });
    const request = await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ version: 1, title: "Spodumene liberation in pegmatite drill core" });
    expect(await db.accessRequestVersion.count({ where: { requestId } })).toBe(1);
  });

  it("changes requested, resubmitted as version 2 with the same reference, then safety, then approval", async () => {
    const { requestId, reference, applicant, world } = await submittedSmeRequest();
    const staff = callerFor(world.staff);
    await staff.accessRequests.startFeasibility({ requestId });
    await staff.accessRequests.recordFeasibility({ requestId, outcome: "CHANGES_NEEDED", comments: "Twelve cores at 0.65 µm need 6 shifts; or scan 8 cores.", shifts: null, sampleEnvironment: "" });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("CHANGES_REQUESTED");
    expect(await db.outboxMessage.count({ where: { template: "request-changes-requested", to: applicant.email } })).toBe(1);

    await callerFor(applicant).accessRequests.saveDraft({ requestId, content: completeContent(world.endstation.id, { shiftsRequested: 6 }) });
    const again = await callerFor(applicant).accessRequests.submit({ requestId, content: completeContent(world.endstation.id, { shiftsRequested: 6 }) });
    expect(again).toEqual({ reference, version: 2 });
    const detail = await callerFor(world.staff).accessRequests.get({ requestId });
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(detail.latestChanges).toEqual([{ field: "shiftsRequested", label: "Shifts requested", before: "4", after: "6" }]);

    await staff.accessRequests.startFeasibility({ requestId });
    await staff.accessRequests.recordFeasibility({ requestId, outcome: "FEASIBLE", comments: "Feasible at S07 with the standard stage.", shifts: 6, sampleEnvironment: "Ambient" });
    await staff.accessRequests.recordSafety({ requestId, hazards: ["NONE"], riskLevel: "LOW", conditions: "", cleared: true, comments: "" });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("AWAITING_DECISION");

    await expect(staff.accessRequests.decide({ requestId, approve: true, shifts: 6, note: "Approved." })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await callerFor(world.admin).accessRequests.decide({ requestId, approve: true, shifts: 6, note: "Approved at the SME rate." });
    const approved = await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(approved).toMatchObject({ state: "APPROVED", allocatedShifts: 6 });
    expect(await db.outboxMessage.count({ where: { template: "request-decided", to: applicant.email } })).toBe(1);
  });

  it("two staff confirming at once: one wins, the other is told the request moved on", async () => {
    const { requestId, world } = await submittedSmeRequest();
    await callerFor(world.staff).accessRequests.startFeasibility({ requestId });
    const results = await Promise.allSettled([
      callerFor(world.staff).accessRequests.recordFeasibility({ requestId, outcome: "FEASIBLE", comments: "Feasible, first reviewer.", shifts: 4, sampleEnvironment: "" }),
      callerFor(world.admin).accessRequests.recordFeasibility({ requestId, outcome: "NOT_FEASIBLE", comments: "Not feasible, second reviewer.", shifts: null, sampleEnvironment: "" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.review.count({ where: { requestId, kind: "FEASIBILITY" } })).toBe(1);
  });
});

describe("bad input is refused with a message for the field, and nothing is saved", () => {
  it.each([
    ["0 shifts", { shiftsRequested: 0 }, "shiftsRequested", "at least 1 shift"],
    ["1,000 shifts", { shiftsRequested: 1000 }, "shiftsRequested", "at most 60 shifts"],
    ["a window in the past", { dateWindows: [{ from: "2020-01-01", to: "2020-01-31" }] }, "dateWindows.0.from", "start after today"],
    ["a reversed window", { dateWindows: [{ from: "2030-03-31", to: "2030-03-01" }] }, "dateWindows.0.to", "ends before it starts"],
    ["a missing title", { title: "" }, "title", "title of at least 10 characters"],
    ["no data policy", { dataPolicyAccepted: false }, "dataPolicyAccepted", "Accept the route's data policy"],
    ["no company description on an industrial route", { companyDescription: "" }, "companyDescription", "Describe the company"],
    ["a date that does not exist", { dateWindows: [{ from: "2030-02-30", to: "2030-03-10" }] }, "content.dateWindows.0.from", "does not exist"],
    ["an unknown demonstrator", { demonstratorId: "not-a-demonstrator" }, "demonstratorId", "Choose a demonstrator project"],
  ])("%s", async (_name, overrides, field, message) => {
    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db);
    const { id } = await callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.SME_INDUSTRIAL.id, organisationId: applicant.memberships[0]!.organisationId });
    const error = await callerFor(applicant).accessRequests.submit({ requestId: id, content: completeContent(world.endstation.id, overrides) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    // Field messages come from the operation (DomainError.fieldErrors) or, for malformed input, from the input schema (ZodError issues).
    const cause = (error as { cause?: { fieldErrors?: Record<string, string>; issues?: { path: PropertyKey[]; message: string }[] } }).cause;
    const fieldErrors = cause?.fieldErrors ?? Object.fromEntries((cause?.issues ?? []).map((i) => [i.path.join("."), i.message]));
    expect(fieldErrors[field]).toContain(message);
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "DRAFT", reference: null, version: 0 });
    expect(await db.accessRequestVersion.count({ where: { requestId: id } })).toBe(0);
  });

  it("rapid access caps shifts at the route's limit", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db);
    const { id } = await callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.RAPID.id, organisationId: applicant.memberships[0]!.organisationId });
    const error = await callerFor(applicant).accessRequests.submit({ requestId: id, content: completeContent(world.endstation.id, { shiftsRequested: 3 }) }).catch((e: unknown) => e);
    expect((error as { cause?: { fieldErrors?: Record<string, string> } }).cause?.fieldErrors?.shiftsRequested).toBe("This route allows at most 2 shifts per request.");
  });

  it("an organisation whose SME declaration does not qualify cannot use the SME route", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db, false);
    const before = await db.accessRequest.count({ where: { organisationId: applicant.memberships[0]!.organisationId } });
    await expect(
      callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.SME_INDUSTRIAL.id, organisationId: applicant.memberships[0]!.organisationId }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("does not meet the EU SME definition") });
    expect(await db.accessRequest.count({ where: { organisationId: applicant.memberships[0]!.organisationId } })).toBe(before);
  });

  it("an applicant cannot apply for someone else's organisation", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db);
    const other = await createSmeApplicant(db);
    await expect(
      callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.PROPRIETARY_INDUSTRIAL.id, organisationId: other.memberships[0]!.organisationId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("calls and caps", () => {
  it("a draft started under a call that has closed goes to the call open when it is submitted", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createMember(db, "APPLICANT");
    const { id } = await callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.NON_PROPRIETARY.id, organisationId: applicant.memberships[0]!.organisationId });
    await db.call.update({ where: { id: world.call.id }, data: { closesAt: new Date(Date.now() - 60_000) } });
    const content = completeContent(world.endstation.id, { companyDescription: "", expectedBenefit: "" });
    await expect(callerFor(applicant).accessRequests.submit({ requestId: id, content })).rejects.toMatchObject({ message: expect.stringContaining("No call is open") });
    const nextCycle = await db.cycle.create({ data: { facilityId: world.facility.id, name: "2027-2", startsAt: new Date(Date.now() + 400 * 86_400_000), endsAt: new Date(Date.now() + 580 * 86_400_000) } });
    const next = await db.call.create({ data: { facilityId: world.facility.id, cycleId: nextCycle.id, routeId: world.routes.NON_PROPRIETARY.id, title: "Next call", opensAt: new Date(Date.now() - 1000), closesAt: new Date(Date.now() + 30 * 86_400_000) } });
    await callerFor(applicant).accessRequests.submit({ requestId: id, content });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id } })).callId).toBe(next.id);
  });

  it("the industrial office cannot grant more than the route's cap", async () => {
    const world = await createFacilityWorld(db);
    const applicant = await createSmeApplicant(db);
    const { id } = await callerFor(applicant).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.RAPID.id, organisationId: applicant.memberships[0]!.organisationId });
    await callerFor(applicant).accessRequests.submit({ requestId: id, content: completeContent(world.endstation.id, { shiftsRequested: 2 }) });
    await callerFor(world.staff).accessRequests.startFeasibility({ requestId: id });
    await callerFor(world.staff).accessRequests.recordFeasibility({ requestId: id, outcome: "FEASIBLE", comments: "Feasible quickly.", shifts: 2, sampleEnvironment: "" });
    await callerFor(world.staff).accessRequests.recordSafety({ requestId: id, hazards: ["NONE"], riskLevel: "LOW", conditions: "", cleared: true, comments: "" });
    await expect(callerFor(world.admin).accessRequests.decide({ requestId: id, approve: true, shifts: 5, note: "Generous." })).rejects.toMatchObject({ message: expect.stringContaining("at most 2 shifts") });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id } })).state).toBe("AWAITING_DECISION");
  });
});

describe("references", () => {
  it("concurrent first submissions get distinct, consecutive references", async () => {
    const world = await createFacilityWorld(db);
    const applicants = await Promise.all(Array.from({ length: 6 }, () => createSmeApplicant(db)));
    const drafts = await Promise.all(applicants.map((a) => callerFor(a).accessRequests.create({ facilityId: world.facility.id, routeId: world.routes.PROPRIETARY_INDUSTRIAL.id, organisationId: a.memberships[0]!.organisationId })));
    const refs = await Promise.all(drafts.map((d, i) => callerFor(applicants[i]!).accessRequests.submit({ requestId: d.id, content: completeContent(world.endstation.id) }).then((r) => r.reference)));
    const numbers = refs.map((r) => Number(r.slice(-4))).sort((a, b) => a - b);
    expect(new Set(refs).size).toBe(6);
    expect(numbers[5]! - numbers[0]!).toBeLessThanOrEqual(5 + 20); // other test files may submit in between
  });
});

describe("withdrawal", () => {
  it("the applicant withdraws; the facility can no longer act", async () => {
    const { requestId, applicant, world } = await submittedSmeRequest();
    await callerFor(applicant).accessRequests.withdraw({ requestId });
    await expect(callerFor(world.staff).accessRequests.startFeasibility({ requestId })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Withdrawn") });
    const staffOfOther = await createMember(db, "FACILITY_STAFF");
    await expect(callerFor(staffOfOther).accessRequests.get({ requestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
