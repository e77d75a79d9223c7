import { describe, expect, it } from "vitest";
import { addDays } from "../scheduling/shifts";
import { callerFor, testDb } from "../testing/fixtures";
import { myConsortia } from "./read-consortia";
import { createConsortiumWorld, grantAndPlace, shareEqually } from "./test-world";

const db = testDb();

describe("the lead shares out a block and members book inside their share", () => {
  it("splits 24 shifts 8/8/8, refuses a member going over with a clear message, moves unused shifts and never drops a share below what is booked", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    const [okement, brinewell] = w.memberOrgs;
    const ben = callerFor(w.members[0]!);
    const lead = callerFor(w.lead);

    await shareEqually(w, blockId, 8);
    const shares = await db.blockShare.findMany({ where: { blockId, cycleId: w.cycle.id }, orderBy: { shifts: "desc" } });
    expect(shares.map((s) => s.shifts)).toEqual([8, 8, 8, 0]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: blockId, action: "block.shares_set" } });
    expect(audit.summary).toMatchObject({ before: { shares: { [okement!.name]: 0 } }, after: { cycle: "2027-1", shares: { [okement!.name]: 8, [brinewell!.name]: 8 } } });

    // Inside the share: booked at once (this consortium does not ask the lead to approve).
    const booked = await ben.consortia.bookSession({ placementId, organisationId: okement!.id, date: startDate, shiftIndex: 0, shifts: 3, title: "Petalite liberation in aplite core" });
    expect(booked).toMatchObject({ state: "BOOKED", remaining: 5 });

    // Over the share: refused, beside the Shifts field, and nothing is saved.
    const over = ben.consortia.bookSession({ placementId, organisationId: okement!.id, date: addDays(startDate, 1), shiftIndex: 0, shifts: 6, title: "Second scan series" });
    await expect(over).rejects.toMatchObject({ code: "BAD_REQUEST", message: `${okement!.name} has 5 of its 8 shifts left in 2027-1; this session needs 6.` });
    const afterRefusal = await db.blockSession.findMany({ where: { placementId } });
    expect(afterRefusal).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { action: "block.session_booked", entityId: { in: afterRefusal.map((s) => s.id) } } })).toBe(1);

    // The lead moves 2 unused shifts from Brinewell to Okement; now the 6-shift session fits.
    await lead.consortia.setShares({ blockId, cycleId: w.cycle.id, shares: [{ organisationId: okement!.id, shifts: 10 }, { organisationId: brinewell!.id, shifts: 6 }] });
    await ben.consortia.bookSession({ placementId, organisationId: okement!.id, date: addDays(startDate, 1), shiftIndex: 0, shifts: 6, title: "Second scan series" });

    // Never below what a member has booked (9 shifts), with the member and the figure named.
    await expect(lead.consortia.setShares({ blockId, cycleId: w.cycle.id, shares: [{ organisationId: okement!.id, shifts: 8 }, { organisationId: brinewell!.id, shifts: 8 }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `${okement!.name} has already booked 9 shifts in 2027-1; its share cannot go below 9.`,
    });
    // Nor above the block's 24 shifts in total.
    await expect(lead.consortia.setShares({ blockId, cycleId: w.cycle.id, shares: [{ organisationId: okement!.id, shifts: 12 }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The shares add up to 26 shifts, but the block has 24 shifts in 2027-1. Take 2 shifts off.",
    });
    const unchanged = await db.blockShare.findFirstOrThrow({ where: { blockId, cycleId: w.cycle.id, organisationId: okement!.id } });
    expect(unchanged.shifts).toBe(10);

    // What the lead sees: share, booked, used and remaining per member.
    const [view] = await myConsortia(db, w.lead);
    const usage = view!.blocks[0]!.cycles.find((c) => c.id === w.cycle.id)!.usage;
    expect(usage.find((u) => u.organisationId === okement!.id)).toMatchObject({ share: 10, booked: 9, used: 0, remaining: 1 });
    expect(usage.find((u) => u.organisationId === brinewell!.id)).toMatchObject({ share: 6, booked: 0, remaining: 6 });

    // Later, when the sessions are over, they count as used.
    const afterwards = new Date(Date.now() + 365 * 86_400_000);
    const [later] = await myConsortia(db, w.lead, afterwards);
    expect(later!.blocks[0]!.cycles.find((c) => c.id === w.cycle.id)!.usage.find((u) => u.organisationId === okement!.id)).toMatchObject({ used: 9, remaining: 1 });
  });

  it("only the lead sets shares, and only for member organisations", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId } = await grantAndPlace(w);
    await expect(callerFor(w.members[0]!).consortia.setShares({ blockId, cycleId: w.cycle.id, shares: [{ organisationId: w.memberOrgs[0]!.id, shifts: 24 }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider = await db.organisation.create({ data: { name: `Not a member ${blockId}`, kind: "SME", country: "GB" } });
    await expect(callerFor(w.lead).consortia.setShares({ blockId, cycleId: w.cycle.id, shares: [{ organisationId: outsider.id, shifts: 2 }] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Only members") });
    expect(await db.blockShare.count({ where: { blockId } })).toBe(0);
  });

  it("a member without a share is told to ask the lead", async () => {
    const w = await createConsortiumWorld(db);
    const { placementId, startDate } = await grantAndPlace(w);
    await expect(callerFor(w.members[1]!).consortia.bookSession({ placementId, organisationId: w.memberOrgs[1]!.id, date: startDate, shiftIndex: 0, shifts: 1, title: "Sorbent beads" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("has no share of"),
    });
  });

  it("a member books only for its own organisation", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    await expect(callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: w.memberOrgs[1]!.id, date: startDate, shiftIndex: 0, shifts: 1, title: "Someone else's time" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("your own organisation"),
    });
  });
});

describe("sessions inside the block's time", () => {
  it("refuses a session overlapping another member's, naming that member and its time, and one outside the placement", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    const [okement, brinewell] = w.memberOrgs;
    await callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: okement!.id, date: startDate, shiftIndex: 1, shifts: 2, title: "Pegmatite plugs" });
    await expect(callerFor(w.members[1]!).consortia.bookSession({ placementId, organisationId: brinewell!.id, date: startDate, shiftIndex: 2, shifts: 2, title: "Sorbent beads" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(new RegExp(`^${okement!.name} has a session from .* Europe/London; choose other shifts\\.$`)),
    });
    // The day before the placement starts, and a session running past its end.
    await expect(callerFor(w.members[1]!).consortia.bookSession({ placementId, organisationId: brinewell!.id, date: addDays(startDate, -1), shiftIndex: 2, shifts: 1, title: "Sorbent beads" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("must lie inside the block time"),
    });
    await expect(callerFor(w.members[1]!).consortia.bookSession({ placementId, organisationId: brinewell!.id, date: addDays(startDate, 7), shiftIndex: 2, shifts: 2, title: "Sorbent beads" })).rejects.toMatchObject({
      message: expect.stringContaining("must lie inside the block time"),
    });
    // Next to it is fine.
    await callerFor(w.members[1]!).consortia.bookSession({ placementId, organisationId: brinewell!.id, date: addDays(startDate, 1), shiftIndex: 0, shifts: 2, title: "Sorbent beads" });
    expect(await db.blockSession.count({ where: { placementId, state: "BOOKED" } })).toBe(2);
  });

  it("the database refuses an overlapping or out-of-block session even without the checks", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    const placement = await db.booking.findUniqueOrThrow({ where: { id: placementId } });
    await callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: w.memberOrgs[0]!.id, date: startDate, shiftIndex: 0, shifts: 1, title: "Pegmatite plugs" });
    const base = { placementId, organisationId: w.memberOrgs[1]!.id, cycleId: w.cycle.id, state: "BOOKED" as const, shifts: 1, title: "Direct insert", createdById: w.members[1]!.userId };
    await expect(db.blockSession.create({ data: { ...base, startsAt: placement.startsAt, endsAt: new Date(placement.startsAt.getTime() + 8 * 3_600_000) } })).rejects.toThrow(/block_session_no_overlap|23P01|exclusion/);
    await expect(db.blockSession.create({ data: { ...base, startsAt: placement.endsAt, endsAt: new Date(placement.endsAt.getTime() + 8 * 3_600_000) } })).rejects.toThrow(/outside the block/);
  });

  it("with leadApprovesSessions, a session waits for the lead, counts against the share meanwhile, and is approved or declined once", async () => {
    const w = await createConsortiumWorld(db, { leadApprovesSessions: true });
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 4);
    const ben = callerFor(w.members[0]!);
    const okement = w.memberOrgs[0]!;
    const first = await ben.consortia.bookSession({ placementId, organisationId: okement.id, date: startDate, shiftIndex: 0, shifts: 3, title: "Petalite" });
    expect(first.state).toBe("PENDING_APPROVAL");
    await expect(ben.consortia.bookSession({ placementId, organisationId: okement.id, date: addDays(startDate, 2), shiftIndex: 0, shifts: 2, title: "More" })).rejects.toMatchObject({ message: `${okement.name} has 1 of its 4 shifts left in 2027-1; this session needs 2.` });

    // Only the lead decides; the member cannot approve its own session.
    await expect(ben.consortia.decideSession({ sessionId: first.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await callerFor(w.lead).consortia.decideSession({ sessionId: first.id, decision: "APPROVE" });
    expect((await db.blockSession.findUniqueOrThrow({ where: { id: first.id } })).state).toBe("BOOKED");
    await expect(callerFor(w.lead).consortia.decideSession({ sessionId: first.id, decision: "DECLINE" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is not waiting for approval") });
    expect(await db.auditEvent.count({ where: { entityId: first.id, action: "block.session_approved" } })).toBe(1);

    // A declined session gives its shifts back.
    const second = await ben.consortia.bookSession({ placementId, organisationId: okement.id, date: addDays(startDate, 2), shiftIndex: 0, shifts: 1, title: "One more" });
    await callerFor(w.lead).consortia.decideSession({ sessionId: second.id, decision: "DECLINE" });
    const [view] = await myConsortia(db, w.members[0]!);
    expect(view!.blocks[0]!.cycles[0]!.usage.find((u) => u.organisationId === okement.id)).toMatchObject({ share: 4, booked: 3, remaining: 1 });
  });

  it("the member or the lead cancels a session, which frees its shifts; other members cannot", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    const okement = w.memberOrgs[0]!;
    const ben = callerFor(w.members[0]!);
    const a = await ben.consortia.bookSession({ placementId, organisationId: okement.id, date: startDate, shiftIndex: 0, shifts: 4, title: "First scans" });
    const b = await ben.consortia.bookSession({ placementId, organisationId: okement.id, date: addDays(startDate, 2), shiftIndex: 0, shifts: 4, title: "Second scans" });
    await expect(callerFor(w.members[1]!).consortia.cancelSession({ sessionId: a.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await ben.consortia.cancelSession({ sessionId: a.id });
    await callerFor(w.lead).consortia.cancelSession({ sessionId: b.id });
    await expect(ben.consortia.cancelSession({ sessionId: b.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already “Cancelled”") });
    // All 8 shifts are free again, and the same time can be booked again.
    await ben.consortia.bookSession({ placementId, organisationId: okement.id, date: startDate, shiftIndex: 0, shifts: 8, title: "All of it" });
    expect(await db.auditEvent.count({ where: { entityId: { in: [a.id, b.id] }, action: "block.session_cancelled" } })).toBe(2);
  });

  it("a member sees its own sessions in full and other members' only as taken time", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    await callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: w.memberOrgs[0]!.id, date: startDate, shiftIndex: 0, shifts: 2, title: "Confidential petalite ore from drill hole OK-17" });
    const [asBrinewell] = await callerFor(w.members[1]!).consortia.mine();
    const sessions = asBrinewell!.blocks[0]!.cycles[0]!.sessions;
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ organisationName: w.memberOrgs[0]!.name, title: null, canCancel: false, shifts: 2 });
    const [asLead] = await callerFor(w.lead).consortia.mine();
    expect(asLead!.blocks[0]!.cycles[0]!.sessions[0]).toMatchObject({ title: "Confidential petalite ore from drill hole OK-17", canCancel: true });
    expect(asLead!.isLead).toBe(true);
    expect(asBrinewell!.isLead).toBe(false);
  });
});
