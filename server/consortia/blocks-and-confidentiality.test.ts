import { describe, expect, it } from "vitest";
import { addDays } from "../scheduling/shifts";
import { createFacilityWorld } from "../testing/access-fixtures";
import { callerFor, createMember, testDb } from "../testing/fixtures";
import { createConsortiumWorld, grantAndPlace, londonDate, shareEqually } from "./test-world";

const db = testDb();

describe("granting a block", () => {
  it("a facility admin grants a block over two cycles, audited; the period runs from the first cycle's start to the last's end", async () => {
    const w = await createConsortiumWorld(db);
    const start = londonDate(w.cycle.startsAt);
    const { id } = await callerFor(w.admin).consortia.grantBlock({
      consortiumId: w.consortium.id,
      endstationId: w.endstation.id,
      shiftsPerCycle: 24,
      firstCycleId: w.cycle.id,
      lastCycleId: w.cycle2.id,
      reportingDates: [addDays(start, 90), start],
      unusedWarningDays: 14,
    });
    const block = await db.blockAllocation.findUniqueOrThrow({ where: { id } });
    expect(block).toMatchObject({ shiftsPerCycle: 24, firstCycleStart: w.cycle.startsAt, lastCycleEnd: w.cycle2.endsAt, reportingDates: [start, addDays(start, 90)], unusedWarningDays: 14, createdById: w.admin.userId });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "block.granted" } });
    expect(audit.summary).toMatchObject({ after: { consortium: w.consortium.acronym, shiftsPerCycle: 24, firstCycle: "2027-1", lastCycle: "2027-2" } });
  });

  it("refuses cycles of another facility, a last cycle before the first, reporting dates outside the period and a second block over the same time", async () => {
    const w = await createConsortiumWorld(db);
    const other = await createFacilityWorld(db);
    const admin = callerFor(w.admin);
    const base = { consortiumId: w.consortium.id, endstationId: w.endstation.id, shiftsPerCycle: 24, firstCycleId: w.cycle.id, lastCycleId: w.cycle2.id, reportingDates: [], unusedWarningDays: 21 };
    await expect(admin.consortia.grantBlock({ ...base, firstCycleId: other.cycle.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Choose a cycle of") });
    await expect(admin.consortia.grantBlock({ ...base, firstCycleId: w.cycle2.id, lastCycleId: w.cycle.id })).rejects.toMatchObject({ message: "The last cycle (2027-1) starts before the first (2027-2)." });
    await expect(admin.consortia.grantBlock({ ...base, reportingDates: ["2020-01-01"] })).rejects.toMatchObject({ message: expect.stringContaining("Reporting date 2020-01-01 is outside the block's period") });
    await expect(admin.consortia.grantBlock({ ...base, shiftsPerCycle: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await admin.consortia.grantBlock(base);
    await expect(admin.consortia.grantBlock({ ...base, firstCycleId: w.cycle2.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already holds a block on T01 Micro-tomography") });
  });

  it("only the endstation's own facility admins grant: staff are refused by the gate, another facility's admin gets not-found", async () => {
    const w = await createConsortiumWorld(db);
    const other = await createFacilityWorld(db);
    const base = { consortiumId: w.consortium.id, endstationId: w.endstation.id, shiftsPerCycle: 24, firstCycleId: w.cycle.id, lastCycleId: w.cycle.id, reportingDates: [], unusedWarningDays: 21 };
    await expect(callerFor(w.staff).consortia.grantBlock(base)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(other.admin).consortia.grantBlock(base)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.blockAllocation.count({ where: { consortiumId: w.consortium.id } })).toBe(0);
  });
});

describe("placing a block on the calendar", () => {
  it("places consecutive shifts as a confirmed BLOCK booking titled after the consortium, in the facility's shift pattern", async () => {
    const w = await createConsortiumWorld(db);
    const { placementId, reference, startDate } = await grantAndPlace(w);
    const booking = await db.booking.findUniqueOrThrow({ where: { id: placementId } });
    expect(booking).toMatchObject({ kind: "BLOCK", state: "CONFIRMED", shifts: 24, title: `${w.consortium.acronym} block`, cycleId: w.cycle.id, reference, endstationId: w.endstation.id });
    expect(reference).toMatch(/^BK-\d{2}-\d{5}$/);
    // 24 shifts of 8 h from 00:00 local: eight whole days.
    expect(londonDate(booking.startsAt)).toBe(startDate);
    expect(londonDate(booking.endsAt)).toBe(addDays(startDate, 8));
    expect(await db.auditEvent.count({ where: { entityId: placementId, action: "block.placed" } })).toBe(1);
  });

  it("refuses placements beyond the block's shifts per cycle, naming what is left", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, startDate } = await grantAndPlace(w, { placeShifts: 20 });
    const staff = callerFor(w.staff);
    await expect(staff.consortia.placeBlock({ blockId, cycleId: w.cycle.id, date: addDays(startDate, 20), shiftIndex: 0, shifts: 6 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `${w.consortium.acronym}'s block has 24 shifts per cycle; 20 already placed in 2027-1, so at most 4 shifts more can be placed (this needs 6).`,
    });
    await staff.consortia.placeBlock({ blockId, cycleId: w.cycle.id, date: addDays(startDate, 20), shiftIndex: 0, shifts: 4 });
    await expect(staff.consortia.placeBlock({ blockId, cycleId: w.cycle.id, date: addDays(startDate, 30), shiftIndex: 0, shifts: 1 })).rejects.toMatchObject({ message: expect.stringContaining("nothing more can be placed") });
    // The next cycle has its own 24 shifts.
    await staff.consortia.placeBlock({ blockId, cycleId: w.cycle2.id, date: addDays(londonDate(w.cycle2.startsAt), 5), shiftIndex: 0, shifts: 24 });
    expect(await db.booking.count({ where: { blockId } })).toBe(3);
  });

  it("refuses time outside the cycle, and time already taken on the endstation, naming the booking in the way", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, reference, startDate } = await grantAndPlace(w, { placeShifts: 6 });
    const staff = callerFor(w.staff);
    await expect(staff.consortia.placeBlock({ blockId, cycleId: w.cycle.id, date: addDays(londonDate(w.cycle.startsAt), -3), shiftIndex: 0, shifts: 3 })).rejects.toMatchObject({ message: expect.stringContaining("must lie inside cycle 2027-1") });
    await expect(staff.consortia.placeBlock({ blockId, cycleId: w.cycle.id, date: startDate, shiftIndex: 1, shifts: 3 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`by ${reference} (${w.consortium.acronym} block)`),
    });
    await expect(staff.consortia.placeBlock({ blockId, cycleId: w.cycle.id, date: startDate, shiftIndex: 3, shifts: 3 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Shift 4 does not exist") });
  });

  it("only the host facility's staff place it: members are refused by the gate, other facilities' staff get not-found", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, startDate } = await grantAndPlace(w, { placeShifts: 6 });
    const other = await createFacilityWorld(db);
    const input = { blockId, cycleId: w.cycle.id, date: addDays(startDate, 5), shiftIndex: 0, shifts: 3 };
    await expect(callerFor(w.lead).consortia.placeBlock(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(other.staff).consortia.placeBlock(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("confidentiality between consortia", () => {
  it("another consortium's people and other facilities' staff neither see the block nor act on it: not found", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    const session = await callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: w.memberOrgs[0]!.id, date: startDate, shiftIndex: 0, shifts: 2, title: "Confidential" });

    const rival = await createConsortiumWorld(db);
    const rivalMember = callerFor(rival.members[0]!);
    const rivalLead = callerFor(rival.lead);
    expect((await rivalMember.consortia.mine()).map((c) => c.id)).toEqual([rival.consortium.id]);
    expect((await rivalLead.consortia.mine()).map((c) => c.id)).toEqual([rival.consortium.id]);
    await expect(rivalMember.consortia.bookSession({ placementId, organisationId: rival.memberOrgs[0]!.id, date: addDays(startDate, 3), shiftIndex: 0, shifts: 1, title: "Sneaking in" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "The block time was not found." });
    await expect(rivalLead.consortia.setShares({ blockId, cycleId: w.cycle.id, shares: [{ organisationId: rival.leadOrganisationId, shifts: 24 }] })).rejects.toMatchObject({ code: "NOT_FOUND", message: "The block was not found." });
    await expect(rivalLead.consortia.decideSession({ sessionId: session.id, decision: "DECLINE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(rivalMember.consortia.cancelSession({ sessionId: session.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: "The session was not found." });
    // A non-existent id answers the same way.
    await expect(rivalMember.consortia.cancelSession({ sessionId: "no-such-session" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "The session was not found." });

    // An applicant of a member organisation (not a consortium role) is kept out by the gate.
    const applicant = await createMember(db, "APPLICANT", { organisationId: w.memberOrgs[0]!.id });
    await expect(callerFor(applicant).consortia.mine()).rejects.toMatchObject({ code: "FORBIDDEN" });

    // The host facility's staff see it; another facility's staff do not.
    const host = await callerFor(w.staff).consortia.forFacility();
    const hosted = host.facilities.flatMap((f) => f.blocks);
    expect(hosted.map((b) => b.id)).toContain(blockId);
    expect(hosted.find((b) => b.id === blockId)!.cycles[0]!.sessions[0]).toMatchObject({ title: "Confidential", organisationName: w.memberOrgs[0]!.name });
    const elsewhere = await callerFor(rival.admin).consortia.forFacility();
    expect(elsewhere.facilities.flatMap((f) => f.blocks).map((b) => b.id)).not.toContain(blockId);
    expect(elsewhere.consortia.map((c) => c.id)).toContain(w.consortium.id); // admins of the other facility may still grant it time
  });
});
