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
