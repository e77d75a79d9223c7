import { isSignedIn, type Actor } from "../access/actor";
import type { Db } from "../db";
import { panelSeatsOf } from "./load-request";
import { hasConflictOfInterest } from "./policy";
import { rankRequests, remainingShifts } from "./panel-ranking";

/**
 * The panel's desk for each cycle the actor sits on: open-route requests in
 * review, minus any from an organisation the actor belonged to when the
 * request's call closed (conflict of interest).
 * A member sees their own grades; the chair sees all grades, the ranking and
 * the time left on each endstation.
 */
export async function panelView(db: Db, actor: Actor) {
  if (!isSignedIn(actor)) return [];
  const seats = await panelSeatsOf(db, actor);
  return Promise.all(
    seats.map(async (seat) => {
      const cycle = await db.cycle.findUniqueOrThrow({ where: { id: seat.cycleId }, include: { facility: { select: { name: true, timeZone: true } } } });
      const candidates = await db.accessRequest.findMany({
        where: { facilityId: seat.facilityId, call: { cycleId: seat.cycleId }, route: { confidential: false }, state: { in: ["PANEL_REVIEW", "APPROVED", "REJECTED"] } },
        include: {
          call: { select: { closesAt: true } },
          organisation: { select: { name: true } },
          endstations: { include: { endstation: { select: { id: true, name: true, shiftsPerDay: true, shiftHours: true, firstShiftStartsAt: true } } } },
          reviews: { where: { kind: "PANEL" }, include: { reviewer: { select: { name: true } } } },
        },
      });
      const conflicted = (r: (typeof candidates)[number]) => hasConflictOfInterest(seat, { organisationId: r.organisationId, callClosesAt: r.call?.closesAt ?? null });
      const requests = candidates.filter((r) => !conflicted(r));
      const excludedForConflict = candidates.filter((r) => r.state === "PANEL_REVIEW" && conflicted(r)).length;
      const ranked = rankRequests(
        requests.map((r) => ({
          id: r.id,
          reference: r.reference!,
          title: r.title,
          state: r.state,
          organisation: r.organisation.name,
          endstation: r.endstations[0]?.endstation ?? null,
          shiftsRequested: r.shiftsRequested ?? 0,
          allocatedShifts: r.allocatedShifts,
          submittedAt: r.submittedAt ?? r.createdAt,
          grades: r.reviews.filter((g) => g.version === r.version && g.grade !== null).map((g) => g.grade!),
          myGrade: ((g) => (g ? { grade: g.grade, comments: g.comments } : null))(r.reviews.find((g) => g.reviewerId === actor.userId && g.version === r.version)),
          allGrades: seat.isChair ? r.reviews.filter((g) => g.version === r.version).map((g) => ({ reviewer: g.reviewer.name, grade: g.grade, comments: g.comments })) : [],
        })),
      );
      const endstationIds = [...new Set(requests.flatMap((r) => r.endstations.map((e) => e.endstation.id)))];
      const capacity = await Promise.all(
        endstationIds.map(async (id) => {
          const station = requests.flatMap((r) => r.endstations.map((e) => e.endstation)).find((e) => e.id === id)!;
          const used = await db.accessRequest.aggregate({ _sum: { allocatedShifts: true }, where: { state: "APPROVED", call: { cycleId: seat.cycleId }, endstations: { some: { endstationId: id } } } });
          return { endstationId: id, name: station.name, remaining: remainingShifts(cycle, { ...station, timeZone: cycle.facility.timeZone }, used._sum.allocatedShifts ?? 0) };
        }),
      );
      return {
        cycle: { id: cycle.id, name: cycle.name, facilityName: cycle.facility.name, timeZone: cycle.facility.timeZone },
        isChair: seat.isChair,
        // Members see neither the others' grades nor the ranking they produce.
        requests: seat.isChair
          ? ranked
          : ranked.map((r) => ({ ...r, grades: [], mean: null, rank: 0, myGrade: r.myGrade ? { grade: r.myGrade.grade, comments: r.myGrade.comments } : null })).sort((a, b) => a.reference.localeCompare(b.reference)),
        excludedForConflict,
        capacity,
      };
    }),
  );
}
export type PanelDesk = Awaited<ReturnType<typeof panelView>>[number];
