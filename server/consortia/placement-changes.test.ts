import { describe, expect, it } from "vitest";
import { inTransaction } from "../db";
import { cancelBooking } from "../scheduling/change-booking";
import { addDays, slotFor } from "../scheduling/shifts";
import { callerFor, contextFor, testDb } from "../testing/fixtures";
import { myConsortia } from "./read-consortia";
import { createConsortiumWorld, grantAndPlace, londonDate, shareEqually } from "./test-world";

const db = testDb();
/** The test endstation's shifts: three of 8 h from 00:00 Europe/London. */
const pattern = { timeZone: "Europe/London", shiftHours: 8, shiftsPerDay: 3, firstShiftStartsAt: "00:00" };
const reason = "Beamline vacuum repair takes the original week.";

async function withTwoSessions() {
  const w = await createConsortiumWorld(db);
  const placed = await grantAndPlace(w);
  await shareEqually(w, placed.blockId, 8);
  const [okement, brinewell] = w.memberOrgs;
  const a = await callerFor(w.members[0]!).consortia.bookSession({ placementId: placed.placementId, organisationId: okement!.id, date: placed.startDate, shiftIndex: 0, shifts: 2, title: "Petalite liberation" });
  // Runs into the fourth day, where the first session lands once the block moves three days later.
  const b = await callerFor(w.members[1]!).consortia.bookSession({ placementId: placed.placementId, organisationId: brinewell!.id, date: addDays(placed.startDate, 2), shiftIndex: 1, shifts: 3, title: "Sorbent beads after brine cycling" });
  return { w, ...placed, a, b };
}

describe("staff move a block placement", () => {
  it("its sessions move with it, each keeping its place in the block, audited, and each booker is emailed the new time", async () => {
    const { w, placementId, startDate, a, b } = await withTwoSessions();
    await callerFor(w.staff).scheduling.move({ bookingId: placementId, endstationId: w.endstation.id, date: addDays(startDate, 3), firstShift: 0, reason });

    const placement = await db.booking.findUniqueOrThrow({ where: { id: placementId } });
    expect(placement).toMatchObject({ state: "CONFIRMED", ...slotFor(addDays(startDate, 3), 0, 24, pattern), cycleId: w.cycle.id });
    expect(await db.blockSession.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ state: "BOOKED", ...slotFor(addDays(startDate, 3), 0, 2, pattern) });
    expect(await db.blockSession.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ state: "BOOKED", ...slotFor(addDays(startDate, 5), 1, 3, pattern) });
    expect(await db.auditEvent.count({ where: { action: "block.session_moved", entityId: { in: [a.id, b.id] } } })).toBe(2);

    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: w.members[0]!.email, dedupeKey: { startsWith: `block-session-update:${a.id}:` } } });
    expect(mail.props).toMatchObject({ change: "moved", reason, title: "Petalite liberation", requestReference: `${w.consortium.acronym} block`, event: { uid: `${a.id}@lodestone` } });
    expect(await db.outboxMessage.count({ where: { to: w.members[1]!.email, dedupeKey: { startsWith: `block-session-update:${b.id}:` } } })).toBe(1);
    // The shares are used exactly as before.
    const [view] = await myConsortia(db, w.lead);
    expect(view!.blocks[0]!.cycles[0]!.usage.filter((u) => u.booked > 0).map((u) => u.booked)).toEqual([2, 3]);
  });

  it("refuses another endstation, a time outside the block's cycles, and another cycle while sessions are in it (naming them)", async () => {
    const { w, blockId, placementId, reference, startDate, a, b } = await withTwoSessions();
    const staff = callerFor(w.staff);
    const other = await db.endstation.create({ data: { facilityId: w.facility.id, code: "T02", name: "T02 Nano-tomography", technique: "NANO_CT", description: "Second test beamline" } });
    const move = (input: { date: string; endstationId?: string }) => staff.scheduling.move({ bookingId: placementId, endstationId: w.endstation.id, firstShift: 0, reason, ...input });

    await expect(move({ date: addDays(startDate, 3), endstationId: other.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: `${w.consortium.acronym}'s block is granted on T01 Micro-tomography; move its time on that endstation.` });
    await expect(move({ date: addDays(londonDate(w.cycle.startsAt), -5) })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^TC\w+'s block runs in 2027-1 \(.*\), 2027-2 \(.*\); .* lies outside them\.$/) });
    await expect(move({ date: addDays(londonDate(w.cycle2.endsAt), 2) })).rejects.toMatchObject({ message: expect.stringContaining("lies outside them") });
    const nextCycle = addDays(londonDate(w.cycle2.startsAt), 20);
    await expect(move({ date: nextCycle })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(new RegExp(`^${reference} holds sessions booked against 2027-1's shares \\(${w.memberOrgs[0]!.name}, .*; ${w.memberOrgs[1]!.name}, .*\\); move it within 2027-1\\.$`)),
    });

    // Without sessions it may go to the block's next cycle, if that cycle has room for it.
    await callerFor(w.members[0]!).consortia.cancelSession({ sessionId: a.id });
    await callerFor(w.lead).consortia.cancelSession({ sessionId: b.id });
    const filler = await staff.consortia.placeBlock({ blockId, cycleId: w.cycle2.id, date: addDays(nextCycle, 30), shiftIndex: 0, shifts: 20 });
    await expect(move({ date: nextCycle })).rejects.toMatchObject({ code: "BAD_REQUEST", message: `${w.consortium.acronym}'s block has 24 shifts in 2027-2 and 20 are already placed there; these 24 do not fit.` });
    await staff.scheduling.cancel({ bookingId: filler.id, reason: "Placed by mistake." });
    await move({ date: nextCycle });
    expect(await db.booking.findUniqueOrThrow({ where: { id: placementId } })).toMatchObject({ cycleId: w.cycle2.id, ...slotFor(nextCycle, 0, 24, pattern) });
  });
});

describe("staff cancel a block placement", () => {
  it("cancels its sessions with it, gives the shifts back to the shares and emails each booker the reason", async () => {
    const { w, placementId, a, b } = await withTwoSessions();
    await callerFor(w.staff).scheduling.cancel({ bookingId: placementId, reason });

    expect(await db.booking.findUniqueOrThrow({ where: { id: placementId } })).toMatchObject({ state: "CANCELLED", cancelReason: reason });
    expect((await db.blockSession.findMany({ where: { placementId } })).map((s) => s.state)).toEqual(["CANCELLED", "CANCELLED"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "block.session_cancelled", entityId: b.id } });
    expect(audit.summary).toMatchObject({ before: { state: "BOOKED" }, after: { state: "CANCELLED", reason: `The facility cancelled the block time: ${reason}` } });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: w.members[0]!.email, dedupeKey: { startsWith: `block-session-update:${a.id}:` } } });
    expect(mail.props).toMatchObject({ change: "cancelled", reason, event: { uid: `${a.id}@lodestone`, status: "CANCELLED" } });
    const [view] = await myConsortia(db, w.lead);
    expect(view!.blocks[0]!.cycles[0]!.usage.every((u) => u.booked === 0)).toBe(true);
  });

  it("refuses once the placement has begun: its sessions count as used", async () => {
    const { w, placementId, reference } = await withTwoSessions();
    const placement = await db.booking.findUniqueOrThrow({ where: { id: placementId } });
    const during = new Date(placement.startsAt.getTime() + 3_600_000);
    await expect(inTransaction((tx) => cancelBooking(tx, contextFor(w.staff), { bookingId: placementId, reason }, during), db)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(new RegExp(`^${reference} began on .*; its sessions count as used\\. Record downtime`)),
    });
    expect(await db.blockSession.count({ where: { placementId, state: "BOOKED" } })).toBe(2);
  });
});
