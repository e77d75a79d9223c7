// The demo world's consortium blocks: CORNUBIA (lead Cassiter Tailings
// Recovery) holds 24 shifts per cycle on Severn Light Source's S07
// micro-tomography for the next two cycles, reporting at their starts and at
// the end. The facility has placed the first cycle's time on the calendar as
// 24 consecutive shifts from 08:00 (Europe/London) on the 66th day of the
// cycle (8 March or 5 September, clear of the clock changes), but the lead has
// not shared it out yet: the browser journey splits it. Dates as drawn are
// moved by ./timeline.ts.
//
// Idempotent like ./world.ts: the block has a fixed id and it and its
// placement are created only when missing (shares and sessions people made
// since are left alone). The placement's reference comes from the same
// counter as bookings made in the portal. No audit rows: nobody acted.
import type { Tx } from "../../server/db";
import { patternOf } from "../../server/scheduling/facility-staff";
import { nextBookingReference } from "../../server/scheduling/reference";
import { slotFor } from "../../server/scheduling/shifts";
import { demoAccounts, demoOrganisationNames as names } from "./accounts";
import type { DemoTimeline } from "./timeline";

export const demoBlock = (t: DemoTimeline) => ({
  id: "demo-block-cornubia-sls-s07",
  consortiumAcronym: "CORNUBIA",
  facility: "SLS",
  endstation: "S07",
  shiftsPerCycle: 24,
  firstCycle: t.cycle("2027-1"),
  lastCycle: t.cycle("2027-2"),
  reportingDates: ["2027-01-01", "2027-07-01", "2027-12-31"].map(t.plannedDate),
  unusedWarningDays: 21,
  grantedBy: "rachel.whitcombe@severn-light-source.example",
  placement: {
    id: `demo-placement-cornubia-sls-s07-${t.cycle("2027-1")}`,
    cycle: t.cycle("2027-1"),
    /** The first shift of the day (08:00 local). */
    date: t.plannedDate("2027-03-08"),
    shiftIndex: 0,
    shifts: 24,
    placedBy: "owain.rees@severn-light-source.example",
  },
});

/**
 * EBMC's block on ECI's CT1: granted, not placed, and its consortium
 * agreement not sent yet (the browser journey sends it and a member declines).
 */
export const demoEbmcBlock = (t: DemoTimeline) => ({
  id: "demo-block-ebmc-eci-ct1",
  consortiumAcronym: "EBMC",
  facility: "ECI",
  endstation: "CT1",
  shiftsPerCycle: 12,
  firstCycle: t.cycle("2027-1"),
  lastCycle: t.cycle("2027-2"),
  grantedBy: "jonas.albrecht@erzgebirge-ct.example",
});

function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo world: unknown ${what} "${String(key)}"`);
  return value;
}

/** CORNUBIA's block and its first cycle's placement. Runs inside seedDemoWorld's transaction, after the facilities, consortia and users. */
export async function seedBlocks(tx: Tx, t: DemoTimeline, userIds: Map<string, string>, log: (msg: string) => void = () => {}): Promise<void> {
  const b = demoBlock(t);
  const consortium = await tx.consortium.findUniqueOrThrow({ where: { acronym: b.consortiumAcronym }, include: { leadOrganisation: { select: { name: true } } } });
  if (consortium.leadOrganisation.name !== names.tailingsReprocessor) throw new Error(`Demo world: ${b.consortiumAcronym} should be led by ${names.tailingsReprocessor}`);
  const facility = await tx.facility.findUniqueOrThrow({ where: { code: b.facility }, include: { cycles: true } });
  const endstation = await tx.endstation.findUniqueOrThrow({ where: { facilityId_code: { facilityId: facility.id, code: b.endstation } }, include: { facility: true } });
  const cycles = new Map(facility.cycles.map((c) => [c.name, c]));
  const first = required(cycles, b.firstCycle, "cycle");
  const last = required(cycles, b.lastCycle, "cycle");
  const grantedBy = required(userIds, b.grantedBy, "account");
  const placedBy = required(userIds, b.placement.placedBy, "account");
  if (!demoAccounts.some((a) => a.email === b.grantedBy && a.role === "FACILITY_ADMIN")) throw new Error(`Demo world: ${b.grantedBy} must be a facility admin`);

  const existingBlock = await tx.blockAllocation.findUnique({ where: { id: b.id }, select: { id: true } });
  if (!existingBlock) {
    await tx.blockAllocation.create({
      data: {
        id: b.id,
        consortiumId: consortium.id,
        endstationId: endstation.id,
        shiftsPerCycle: b.shiftsPerCycle,
        firstCycleStart: first.startsAt,
        lastCycleEnd: last.endsAt,
        reportingDates: b.reportingDates,
        unusedWarningDays: b.unusedWarningDays,
        createdById: grantedBy,
        createdAt: t.aroundTodayAt("2026-11-16T10:00:00Z"),
      },
    });
  }

  const p = b.placement;
  // Any placement of the block counts: one seeded on an earlier day carries that day's cycle in its id.
  const existingPlacement = await tx.booking.findFirst({ where: { blockId: b.id, kind: "BLOCK" }, select: { reference: true } });
  let reference = existingPlacement?.reference;
  if (!existingPlacement) {
    const cycle = required(cycles, p.cycle, "cycle");
    const slot = slotFor(p.date, p.shiftIndex, p.shifts, patternOf(endstation));
    if (slot.startsAt < cycle.startsAt || slot.endsAt > cycle.endsAt) throw new Error(`Demo world: the ${b.consortiumAcronym} placement must lie inside ${cycle.name}`);
    const placedAt = t.aroundTodayAt("2026-11-20T14:30:00Z");
    reference = await nextBookingReference(tx, placedAt);
    await tx.booking.create({
      data: {
        id: p.id,
        reference,
        endstationId: endstation.id,
        kind: "BLOCK",
        state: "CONFIRMED",
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        shifts: p.shifts,
        blockId: b.id,
        cycleId: cycle.id,
        title: `${b.consortiumAcronym} block`,
        createdById: placedBy,
        createdAt: placedAt,
      },
    });
  }
  const ebmc = demoEbmcBlock(t);
  await seedEbmcBlock(tx, t, userIds);
  log(`Consortium blocks: ${ebmc.consortiumAcronym} ${ebmc.shiftsPerCycle} shifts per cycle on ${ebmc.endstation} (agreement not sent); ${b.consortiumAcronym} ${b.shiftsPerCycle} shifts per cycle on ${endstation.name}, ${p.cycle} placed as ${reference} (not shared out yet)`);
}

async function seedEbmcBlock(tx: Tx, t: DemoTimeline, userIds: Map<string, string>) {
  const b = demoEbmcBlock(t);
  if (await tx.blockAllocation.findUnique({ where: { id: b.id }, select: { id: true } })) return;
  const consortium = await tx.consortium.findUniqueOrThrow({ where: { acronym: b.consortiumAcronym } });
  const facility = await tx.facility.findUniqueOrThrow({ where: { code: b.facility }, include: { cycles: true } });
  const endstation = await tx.endstation.findUniqueOrThrow({ where: { facilityId_code: { facilityId: facility.id, code: b.endstation } } });
  const cycles = new Map(facility.cycles.map((c) => [c.name, c]));
  await tx.blockAllocation.create({
    data: {
      id: b.id,
      consortiumId: consortium.id,
      endstationId: endstation.id,
      shiftsPerCycle: b.shiftsPerCycle,
      firstCycleStart: required(cycles, b.firstCycle, "cycle").startsAt,
      lastCycleEnd: required(cycles, b.lastCycle, "cycle").endsAt,
      reportingDates: [],
      createdById: required(userIds, b.grantedBy, "account"),
      createdAt: t.aroundTodayAt("2026-11-18T09:00:00Z"),
    },
  });
}
