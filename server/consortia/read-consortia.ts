import { isSignedIn, organisationIdsOf, type Actor } from "../access/actor";
import { agreementOfBlock } from "../agreements/read-agreements";
import type { Db } from "../db";
import { patternOf } from "../scheduling/facility-staff";
import { blockCycles, consortiumFacts, usageOf } from "./load";
import { bookableOrganisationsOf, isLeadOf, myConsortiaWhere, staffFacilityOrganisationIds } from "./policy";
import { clock } from "../clock";

const blockInclude = {
  endstation: { include: { facility: true } },
  placements: { where: { kind: "BLOCK", state: "CONFIRMED" }, orderBy: { startsAt: "asc" } },
} as const;

type BlockRow = Awaited<ReturnType<typeof loadBlocks>>[number];

function loadBlocks(db: Db, where: { consortiumId?: { in: string[] }; endstation?: { facility: { organisationId: { in: string[] } } } }) {
  return db.blockAllocation.findMany({
    where,
    include: { ...blockInclude, consortium: { include: { leadOrganisation: { select: { id: true, name: true } }, members: { include: { organisation: { select: { id: true, name: true } } }, orderBy: { joinedAt: "asc" } } } } },
    orderBy: [{ firstCycleStart: "asc" }, { createdAt: "asc" }],
  });
}

/**
 * One block as its people see it: per cycle, its placements on the calendar,
 * how it is shared out and used, and the sessions `showSession` lets through
 * (with the title only where `showTitle` allows).
 */
async function blockView(
  db: Db,
  block: BlockRow,
  now: Date,
  sessionsFor: (s: { organisationId: string; state: string }) => { show: boolean; title: boolean; canCancel: boolean },
) {
  const cycles = await blockCycles(db, block);
  const sessions = await db.blockSession.findMany({
    where: { placement: { blockId: block.id } },
    include: { organisation: { select: { name: true } } },
    orderBy: { startsAt: "asc" },
  });
  const pattern = patternOf(block.endstation);
  return {
    id: block.id,
    shiftsPerCycle: block.shiftsPerCycle,
    firstCycleStart: block.firstCycleStart,
    lastCycleEnd: block.lastCycleEnd,
    reportingDates: block.reportingDates,
    unusedWarningDays: block.unusedWarningDays,
    endstation: { id: block.endstation.id, code: block.endstation.code, name: block.endstation.name, shiftHours: block.endstation.shiftHours },
    facility: { id: block.endstation.facility.id, name: block.endstation.facility.name, timeZone: block.endstation.facility.timeZone },
    pattern,
    /** The consortium agreement: sessions open once every member and the facility have signed it. */
    agreement: await agreementOfBlock(db, block.id),
    cycles: await Promise.all(
      cycles.map(async (cycle) => {
        const placements = block.placements.filter((p) => p.cycleId === cycle.id);
        const usage = await usageOf(db, block, cycle.id, now);
        const shared = usage.reduce((n, u) => n + u.share, 0);
        return {
          id: cycle.id,
          name: cycle.name,
          startsAt: cycle.startsAt,
          endsAt: cycle.endsAt,
          ended: cycle.endsAt <= now,
          placedShifts: placements.reduce((n, p) => n + p.shifts, 0),
          unshared: block.shiftsPerCycle - shared,
          placements: placements.map((p) => ({ id: p.id, reference: p.reference, startsAt: p.startsAt, endsAt: p.endsAt, shifts: p.shifts })),
          usage,
          sessions: sessions
            .filter((s) => s.cycleId === cycle.id)
            .flatMap((s) => {
              const rule = sessionsFor(s);
              if (!rule.show) return [];
              const active = s.state === "BOOKED" || s.state === "PENDING_APPROVAL";
              return [{
                id: s.id,
                placementId: s.placementId,
                organisationId: s.organisationId,
                organisationName: s.organisation.name,
                state: s.state,
                startsAt: s.startsAt,
                endsAt: s.endsAt,
                shifts: s.shifts,
                title: rule.title ? s.title : null,
                canCancel: rule.canCancel && active && s.startsAt > now,
              }];
            }),
        };
      }),
    ),
  };
}

/**
 * The consortia the actor leads or belongs to (through a CONSORTIUM_LEAD or
 * CONSORTIUM_MEMBER role), each with its members and blocks. The lead sees
 * every member's sessions; a member sees its own in full and the others'
 * only as taken time (organisation and shifts, not what they measure).
 */
export async function myConsortia(db: Db, actor: Actor, now = clock.now()) {
  if (!isSignedIn(actor)) return [];
  const consortia = await db.consortium.findMany({
    where: myConsortiaWhere(actor),
    include: { leadOrganisation: { select: { id: true, name: true } }, members: { include: { organisation: { select: { id: true, name: true, kind: true } } }, orderBy: { joinedAt: "asc" } } },
    orderBy: { acronym: "asc" },
  });
  const blocks = await loadBlocks(db, { consortiumId: { in: consortia.map((c) => c.id) } });
  return Promise.all(
    consortia.map(async (c) => {
      const isLead = isLeadOf(actor, c);
      const mine = bookableOrganisationsOf(actor, consortiumFacts(c));
      const visibleSessions = (s: { organisationId: string; state: string }) => {
        const own = mine.includes(s.organisationId);
        const active = s.state === "BOOKED" || s.state === "PENDING_APPROVAL";
        return { show: isLead || own || active, title: isLead || own, canCancel: isLead || own };
      };
      return {
        id: c.id,
        name: c.name,
        acronym: c.acronym,
        description: c.description,
        leadApprovesSessions: c.leadApprovesSessions,
        lead: c.leadOrganisation,
        members: c.members.map((m) => ({ organisationId: m.organisationId, name: m.organisation.name, kind: m.organisation.kind, joinedAt: m.joinedAt })),
        isLead,
        myOrganisations: c.members.filter((m) => mine.includes(m.organisationId)).map((m) => ({ id: m.organisationId, name: m.organisation.name })),
        blocks: await Promise.all(blocks.filter((b) => b.consortiumId === c.id).map((b) => blockView(db, b, now, visibleSessions))),
      };
    }),
  );
}

/**
 * For facility staff: the blocks granted on their facilities' endstations,
 * with what is placed per cycle and the sessions booked in them; and, for
 * facility admins, the endstations, cycles and consortia a block can be
 * granted on.
 */
export async function facilityBlocks(db: Db, actor: Actor, now = clock.now()) {
  const staffOf = staffFacilityOrganisationIds(actor);
  const adminOf = organisationIdsOf(actor, "FACILITY_ADMIN");
  const facilities = await db.facility.findMany({
    where: { organisationId: { in: staffOf } },
    include: { endstations: { where: { active: true }, orderBy: { code: "asc" } }, cycles: { orderBy: { startsAt: "asc" } } },
    orderBy: { name: "asc" },
  });
  const blocks = await loadBlocks(db, { endstation: { facility: { organisationId: { in: staffOf } } } });
  const consortia = adminOf.length > 0 ? await db.consortium.findMany({ select: { id: true, name: true, acronym: true }, orderBy: { acronym: "asc" } }) : [];
  const everySession = () => ({ show: true, title: true, canCancel: false });
  return {
    consortia,
    facilities: await Promise.all(
      facilities.map(async (f) => ({
        id: f.id,
        name: f.name,
        timeZone: f.timeZone,
        isAdmin: adminOf.includes(f.organisationId),
        endstations: f.endstations.map((e) => ({ id: e.id, code: e.code, name: e.name, shiftHours: e.shiftHours, pattern: patternOf({ ...e, facility: f }) })),
        cycles: f.cycles.map((c) => ({ id: c.id, name: c.name, startsAt: c.startsAt, endsAt: c.endsAt })),
        blocks: await Promise.all(
          blocks
            .filter((b) => b.endstation.facilityId === f.id)
            .map(async (b) => ({ consortium: { id: b.consortium.id, name: b.consortium.name, acronym: b.consortium.acronym, lead: b.consortium.leadOrganisation.name }, ...(await blockView(db, b, now, everySession)) })),
        ),
      })),
    ),
  };
}
