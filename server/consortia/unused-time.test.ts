import { describe, expect, it } from "vitest";
import { addDays } from "../scheduling/shifts";
import { callerFor, testDb } from "../testing/fixtures";
import { createConsortiumWorld, grantAndPlace, shareEqually } from "./test-world";
import { findUnusedBlockTime } from "./unused-time";

const db = testDb();
const day = 86_400_000;

describe("unused block time", () => {
  it("flags, within the warning days before a cycle ends, each member's unbooked shifts and what the lead has not shared out", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w, { unusedWarningDays: 21 });
    const [okement, brinewell, westcountry] = w.memberOrgs;
    await callerFor(w.lead).consortia.setShares({ blockId, cycleId: w.cycle.id, shares: [{ organisationId: okement!.id, shifts: 8 }, { organisationId: brinewell!.id, shifts: 4 }, { organisationId: westcountry!.id, shifts: 6 }] });
    await callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: okement!.id, date: startDate, shiftIndex: 0, shifts: 3, title: "Petalite" });
    await callerFor(w.members[2]!).consortia.bookSession({ placementId, organisationId: westcountry!.id, date: addDays(startDate, 2), shiftIndex: 0, shifts: 6, title: "Ground truth" });

    const tenDaysBefore = new Date(w.cycle.endsAt.getTime() - 10 * day);
    const found = (await findUnusedBlockTime(db, tenDaysBefore)).filter((f) => f.blockId === blockId);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      consortium: { id: w.consortium.id, leadOrganisationId: w.leadOrganisationId },
      cycle: { id: w.cycle.id, name: "2027-1" },
      daysLeft: 10,
      unshared: 6,
      unplaced: 0,
      members: [
        { organisationId: okement!.id, share: 8, booked: 3, unused: 5 },
        { organisationId: brinewell!.id, share: 4, booked: 0, unused: 4 },
      ],
    });

    // Earlier than the warning window, after the cycle ended, and for the next cycle (nothing shared, so only unshared): not yet / no more.
    expect((await findUnusedBlockTime(db, new Date(w.cycle.endsAt.getTime() - 30 * day))).filter((f) => f.blockId === blockId)).toEqual([]);
    expect((await findUnusedBlockTime(db, new Date(w.cycle.endsAt.getTime() + day))).filter((f) => f.blockId === blockId && f.cycle.id === w.cycle.id)).toEqual([]);
    const nextCycle = (await findUnusedBlockTime(db, new Date(w.cycle2.endsAt.getTime() - 5 * day))).filter((f) => f.blockId === blockId);
    expect(nextCycle).toMatchObject([{ cycle: { name: "2027-2" }, members: [], unshared: 24, unplaced: 24 }]);
  });

  it("leaves out a block whose time is all booked", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w, { shiftsPerCycle: 3, placeShifts: 3 });
    await shareEqually(w, blockId, 1);
    for (const [i, member] of w.members.entries()) {
      await callerFor(member).consortia.bookSession({ placementId, organisationId: w.memberOrgs[i]!.id, date: startDate, shiftIndex: i, shifts: 1, title: "All of it" });
    }
    expect((await findUnusedBlockTime(db, new Date(w.cycle.endsAt.getTime() - 2 * day))).filter((f) => f.blockId === blockId && f.cycle.id === w.cycle.id)).toEqual([]);
  });
});
