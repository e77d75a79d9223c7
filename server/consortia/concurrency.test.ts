import { describe, expect, it } from "vitest";
import { addDays } from "../scheduling/shifts";
import { callerFor, testDb } from "../testing/fixtures";
import { createConsortiumWorld, grantAndPlace, shareEqually } from "./test-world";

const db = testDb();

describe("concurrent bookings against one share", () => {
  it("20 simultaneous one-shift bookings by the same member for different free shifts: exactly its 8-shift share is booked", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    const okement = w.memberOrgs[0]!;
    const ben = callerFor(w.members[0]!);
    // 24 free shifts in the placement (8 days x 3); take 20 different ones.
    const slots = Array.from({ length: 20 }, (_, i) => ({ date: addDays(startDate, Math.floor(i / 3)), shiftIndex: i % 3 }));
    const results = await Promise.allSettled(slots.map((s, i) => ben.consortia.bookSession({ placementId, organisationId: okement.id, ...s, shifts: 1, title: `Scan ${i + 1}` })));

    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(8);
    expect(refused).toHaveLength(12);
    for (const r of refused) expect(r.reason).toMatchObject({ code: "BAD_REQUEST", message: `${okement.name} has 0 of its 8 shifts left in 2027-1; this session needs 1.` });

    const sessions = await db.blockSession.findMany({ where: { placementId, state: { in: ["BOOKED", "PENDING_APPROVAL"] } } });
    expect(sessions.reduce((n, s) => n + s.shifts, 0)).toBe(8);
    // And no two of them overlap.
    const sorted = sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(sorted[i - 1]!.endsAt.getTime());
  });

  it("three members racing for the same shifts: exactly one session is booked, the others are told the time is taken", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    const results = await Promise.allSettled(
      w.members.map((m, i) => callerFor(m).consortia.bookSession({ placementId, organisationId: w.memberOrgs[i]!.id, date: addDays(startDate, 3), shiftIndex: 1, shifts: 2, title: `Race ${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/has a session from|has just booked some of those shifts/) });
    }
    expect(await db.blockSession.count({ where: { placementId, state: "BOOKED" } })).toBe(1);
  });

  it("the lead lowering a share while the member books: the share never ends below what is booked", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    const okement = w.memberOrgs[0]!;
    const ben = callerFor(w.members[0]!);
    const bookings = Array.from({ length: 6 }, (_, i) => ben.consortia.bookSession({ placementId, organisationId: okement.id, date: addDays(startDate, i), shiftIndex: 0, shifts: 1, title: `Scan ${i}` }));
    const lowering = callerFor(w.lead).consortia.setShares({ blockId, cycleId: w.cycle.id, shares: [{ organisationId: okement.id, shifts: 3 }] });
    await Promise.allSettled([...bookings, lowering]);
    const share = await db.blockShare.findFirstOrThrow({ where: { blockId, cycleId: w.cycle.id, organisationId: okement.id } });
    const booked = (await db.blockSession.findMany({ where: { placementId, organisationId: okement.id, state: "BOOKED" } })).reduce((n, s) => n + s.shifts, 0);
    expect(booked).toBeLessThanOrEqual(share.shifts);
  });
});

describe("members booking while staff move or cancel the block placement", () => {
  /**
   * Nine bookings, three per member, for the shifts of the placement's first
   * three days (each member its own day). With the staff's change that makes
   * ten transactions, one per connection of the pool: more would wait for a
   * connection, not for the locks under test.
   */
  function racingBookings(w: Awaited<ReturnType<typeof createConsortiumWorld>>, placementId: string, startDate: string) {
    return Array.from({ length: 9 }, (_, j) => {
      const m = Math.floor(j / 3);
      return callerFor(w.members[m]!).consortia.bookSession({ placementId, organisationId: w.memberOrgs[m]!.id, date: addDays(startDate, Math.floor(j / 3)), shiftIndex: j % 3, shifts: 1, title: `Scan ${j}` });
    });
  }

  /** A placement already holding one session (on its sixth day), so the staff's change always has a session to deal with. */
  async function placedWithASession() {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    await callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: w.memberOrgs[0]!.id, date: addDays(startDate, 5), shiftIndex: 0, shifts: 2, title: "Booked before" });
    return { w, placementId, startDate };
  }

  it("nine bookings racing a cancel: the cancel wins over every session booked before it, the rest are refused, none is left in the cancelled time", async () => {
    const { w, placementId, startDate } = await placedWithASession();
    const bookings = racingBookings(w, placementId, startDate);
    const cancel = callerFor(w.staff).scheduling.cancel({ bookingId: placementId, reason: "Beamline vacuum repair takes the whole block." });
    const [cancelled, ...results] = await Promise.allSettled([cancel, ...bookings]);

    expect(cancelled.status).toBe("fulfilled");
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/is no longer on the calendar/) });
    }
    expect(await db.blockSession.count({ where: { placementId, state: { in: ["BOOKED", "PENDING_APPROVAL"] } } })).toBe(0);
    // Every session that got in before the cancel (and the one booked before) was cancelled with it, and its booker told.
    const booked = results.filter((r) => r.status === "fulfilled").length + 1;
    expect(await db.blockSession.count({ where: { placementId, state: "CANCELLED" } })).toBe(booked);
    expect(await db.outboxMessage.count({ where: { dedupeKey: { startsWith: "block-session-update:" }, props: { path: ["bookingReference"], equals: (await db.booking.findUniqueOrThrow({ where: { id: placementId } })).reference } } })).toBe(booked);
  });

  it("nine bookings racing a move two days later: every live session lies inside the placement afterwards", async () => {
    const { w, placementId, startDate } = await placedWithASession();
    const bookings = racingBookings(w, placementId, startDate);
    const move = callerFor(w.staff).scheduling.move({ bookingId: placementId, endstationId: w.endstation.id, date: addDays(startDate, 2), firstShift: 0, reason: "Beamline vacuum repair takes the first two days." });
    const [moved, ...results] = await Promise.allSettled([move, ...bookings]);

    expect(moved.status).toBe("fulfilled");
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      // Booked after the move: the old first days are outside the block now, or a session that moved with it is there.
      expect(r.reason).toMatchObject({ message: expect.stringMatching(/must lie inside the block time|has a session from|has just booked some of those shifts/) });
    }
    const placement = await db.booking.findUniqueOrThrow({ where: { id: placementId } });
    const live = await db.blockSession.findMany({ where: { placementId, state: { in: ["BOOKED", "PENDING_APPROVAL"] } } });
    expect(live).toHaveLength(results.filter((r) => r.status === "fulfilled").length + 1);
    for (const s of live) {
      expect(s.startsAt.getTime()).toBeGreaterThanOrEqual(placement.startsAt.getTime());
      expect(s.endsAt.getTime()).toBeLessThanOrEqual(placement.endsAt.getTime());
    }
  });
});
