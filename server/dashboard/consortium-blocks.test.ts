import { describe, expect, it } from "vitest";
import { createConsortiumWorld, grantAndPlace, shareEqually } from "../consortia/test-world";
import { addDays } from "../scheduling/shifts";
import { callerFor, testDb } from "../testing/fixtures";
import { getDashboard } from "./get-dashboard";

const db = testDb();

describe("the dashboard shows consortium leads and members their real blocks", () => {
  it("no block yet: the consortium is listed with no blocks", async () => {
    const w = await createConsortiumWorld(db);
    const dashboard = await callerFor(w.members[0]!).dashboard.get();
    expect(dashboard.consortia.find((c) => c.id === w.consortium.id)).toMatchObject({ isLead: false, blocks: [] });
  });

  it("a member sees the block's endstation, cycles, placement, its own share and what is left, and the totals; not other members' shares or sessions", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, reference, startDate } = await grantAndPlace(w);
    await shareEqually(w, blockId, 8);
    const [okement, brinewell] = w.memberOrgs;
    await callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: okement!.id, date: startDate, shiftIndex: 0, shifts: 3, title: "Petalite liberation" });
    await callerFor(w.members[1]!).consortia.bookSession({ placementId, organisationId: brinewell!.id, date: addDays(startDate, 2), shiftIndex: 0, shifts: 2, title: "Secret sorbent recipe" });
    const placement = await db.booking.findUniqueOrThrow({ where: { id: placementId } });

    const dashboard = await callerFor(w.members[0]!).dashboard.get();
    const mine = dashboard.consortia.find((c) => c.id === w.consortium.id)!;
    expect(mine.isLead).toBe(false);
    expect(mine.blocks).toHaveLength(1);
    expect(mine.blocks[0]).toMatchObject({ endstation: "T01 Micro-tomography", facility: w.facility.name, timeZone: "Europe/London", shiftHours: 8 });
    expect(mine.blocks[0]!.cycles.map((c) => c.name)).toEqual(["2027-1", "2027-2"]);
    expect(mine.blocks[0]!.cycles[0]).toMatchObject({
      shiftsPerCycle: 24,
      placements: [{ reference, startsAt: placement.startsAt, endsAt: placement.endsAt, shifts: 24 }],
      shared: 24,
      unshared: 0,
      shares: [{ organisationId: okement!.id, share: 8, booked: 3, remaining: 5 }],
    });
    expect(mine.blocks[0]!.cycles[1]).toMatchObject({ placements: [], shared: 0, unshared: 24, shares: [{ organisationId: okement!.id, share: 0 }] });
    // The member list is the consortium's, as before; the blocks carry no other member's figures, and no session titles at all.
    expect(JSON.stringify(mine.blocks)).not.toContain(brinewell!.name);
    expect(JSON.stringify(dashboard)).not.toContain("Secret sorbent recipe");
  });

  it("the lead sees every member's share, booked and left, and what is not shared out; cycles that are over drop off", async () => {
    const w = await createConsortiumWorld(db);
    const { blockId, placementId, startDate } = await grantAndPlace(w);
    await callerFor(w.lead).consortia.setShares({ blockId, cycleId: w.cycle.id, shares: [{ organisationId: w.memberOrgs[0]!.id, shifts: 10 }, { organisationId: w.memberOrgs[1]!.id, shifts: 4 }] });
    await callerFor(w.members[0]!).consortia.bookSession({ placementId, organisationId: w.memberOrgs[0]!.id, date: startDate, shiftIndex: 0, shifts: 6, title: "Petalite liberation" });

    const lead = (await callerFor(w.lead).dashboard.get()).consortia.find((c) => c.id === w.consortium.id)!;
    expect(lead.isLead).toBe(true);
    const cycle = lead.blocks[0]!.cycles[0]!;
    expect(cycle).toMatchObject({ shared: 14, unshared: 10 });
    expect(cycle.shares.map((s) => [s.organisationName, s.share, s.booked, s.remaining])).toEqual([
      [w.lead.memberships[0]!.organisationName, 0, 0, 0],
      [w.memberOrgs[0]!.name, 10, 6, 4],
      [w.memberOrgs[1]!.name, 4, 0, 4],
      [w.memberOrgs[2]!.name, 0, 0, 0],
    ]);

    // Once the first cycle is over only the second is shown; once both are, the block is gone.
    const afterFirst = await getDashboard(db, w.lead, new Date(w.cycle.endsAt.getTime() + 1000));
    expect(afterFirst.consortia.find((c) => c.id === w.consortium.id)!.blocks[0]!.cycles.map((c) => c.name)).toEqual(["2027-2"]);
    const afterBoth = await getDashboard(db, w.lead, new Date(w.cycle2.endsAt.getTime() + 1000));
    expect(afterBoth.consortia.find((c) => c.id === w.consortium.id)!.blocks).toEqual([]);
  });
});
