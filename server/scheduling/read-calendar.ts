import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { organisationIdsOf, type Actor } from "../access/actor";
import type { Db } from "../db";
import { notFound } from "../errors";
import type { calendarQuerySchema } from "./schemas";
import { addDays, daysBetween, localMidnight, shiftStart, shiftTimes } from "./shifts";
import type { z } from "zod";
import { clock } from "../clock";

export type CalendarCategory = "INDUSTRIAL" | "NON_PROPRIETARY" | "BLOCK" | "MAINTENANCE" | "MACHINE_DEVELOPMENT" | "SHUTDOWN";

/** Endstations usually share shift times, so each (day, shift) conversion to an instant is done once for all of them. */
function memoShiftStart() {
  const cache = new Map<string, Date>();
  return (day: string, index: number, pattern: Parameters<typeof shiftStart>[2]) => {
    const key = `${day}|${pattern.firstShiftStartsAt}|${pattern.shiftHours}|${index}`;
    let at = cache.get(key);
    if (!at) cache.set(key, (at = shiftStart(day, index, pattern)));
    return at;
  };
}

/**
 * One facility's calendar for a window of days: endstations as rows, days and
 * shifts as columns, and the entries that occupy them. Staff of the facility
 * only (the calendar names confidential requests).
 */
export async function calendarView(db: Db, actor: Actor, input: z.output<typeof calendarQuerySchema>, now = clock.now()) {
  const facility = await db.facility.findUnique({ where: { id: input.facilityId }, include: { endstations: { where: { active: true }, orderBy: { code: "asc" } }, cycles: { orderBy: { startsAt: "asc" } } } });
  if (!facility || !organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN").includes(facility.organisationId)) throw notFound("The facility");
  const zone = tz(facility.timeZone);
  const shiftStartOf = memoShiftStart();
  const cycle = facility.cycles.find((c) => c.id === input.cycleId) ?? facility.cycles.find((c) => c.endsAt > now) ?? facility.cycles.at(-1);
  const from = input.from ?? (cycle && cycle.startsAt > now ? format(cycle.startsAt, "yyyy-MM-dd", { in: zone }) : format(now, "yyyy-MM-dd", { in: zone }));
  const days = daysBetween(from, addDays(from, input.days - 1));
  const windowStart = localMidnight(from, facility.timeZone);
  const windowEnd = localMidnight(addDays(from, input.days), facility.timeZone);
  const bookings = await db.booking.findMany({
    where: { endstation: { facilityId: facility.id }, state: { in: ["HELD", "CONFIRMED"] }, startsAt: { lt: windowEnd }, endsAt: { gt: windowStart } },
    include: { request: { select: { id: true, reference: true, organisation: { select: { name: true } }, route: { select: { kind: true } } } }, block: { select: { consortium: { select: { acronym: true } } } } },
    orderBy: { startsAt: "asc" },
  });
  return {
    facility: { id: facility.id, name: facility.name, timeZone: facility.timeZone },
    cycles: facility.cycles.map((c) => ({ id: c.id, name: c.name })),
    cycleId: cycle?.id ?? null,
    from,
    days,
    today: format(now, "yyyy-MM-dd", { in: zone }),
    endstations: facility.endstations.map((e) => {
      const pattern = { timeZone: facility.timeZone, shiftHours: e.shiftHours, shiftsPerDay: e.shiftsPerDay, firstShiftStartsAt: e.firstShiftStartsAt };
      const labels = Array.from({ length: e.shiftsPerDay }, (_, index) => shiftTimes(index, pattern));
      return {
        id: e.id,
        code: e.code,
        name: e.name,
        shiftHours: e.shiftHours,
        shiftsPerDay: e.shiftsPerDay,
        shifts: Array.from({ length: e.shiftsPerDay }, (_, index) => ({ index, label: shiftTimes(index, pattern) })),
        /** Every shift in the window, in order: the calendar's cells for this row. */
        cells: days.flatMap((day) => Array.from({ length: e.shiftsPerDay }, (_, index) => ({ day, index, label: labels[index]!, startsAt: shiftStartOf(day, index, pattern) }))),
      };
    }),
    bookings: bookings.map((b) => ({
      id: b.id,
      reference: b.reference,
      endstationId: b.endstationId,
      kind: b.kind,
      /** What the calendar colours by: industrial and peer-reviewed user time apart, then blocks and non-user time. */
      category: (b.kind === "REQUEST" ? (b.request?.route.kind === "NON_PROPRIETARY" ? "NON_PROPRIETARY" : "INDUSTRIAL") : b.kind) as CalendarCategory,
      state: b.state,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      shifts: b.shifts,
      title: b.title,
      holdExpiresAt: b.holdExpiresAt,
      downtimeHours: Number(b.downtimeHours),
      request: b.request && { id: b.request.id, reference: b.request.reference, organisation: b.request.organisation },
      consortium: b.block?.consortium.acronym ?? null,
    })),
  };
}

/** Approved requests of the facility with shifts still to schedule. */
export async function schedulableRequests(db: Db, actor: Actor, facilityId: string) {
  const facility = await db.facility.findUnique({ where: { id: facilityId } });
  if (!facility || !organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN").includes(facility.organisationId)) throw notFound("The facility");
  const requests = await db.accessRequest.findMany({
    where: { facilityId, state: "APPROVED" },
    include: { organisation: { select: { name: true } }, endstations: { select: { endstationId: true } }, bookings: { where: { state: { in: ["HELD", "CONFIRMED"] } }, select: { shifts: true } } },
    orderBy: { decidedAt: "asc" },
  });
  return requests
    .map((r) => ({ id: r.id, reference: r.reference!, title: r.title, organisation: r.organisation.name, endstationIds: r.endstations.map((e) => e.endstationId), allocated: r.allocatedShifts ?? 0, scheduled: r.bookings.reduce((a, b) => a + b.shifts, 0) }))
    .filter((r) => r.scheduled < r.allocated);
}

/** The actor's organisations' beamtime: bookings of their requests (with the facility's zone). */
export async function myBookings(db: Db, actor: Actor) {
  const organisationIds = organisationIdsOf(actor, "APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER");
  return db.booking.findMany({
    where: { kind: "REQUEST", request: { organisationId: { in: organisationIds } }, state: { in: ["HELD", "CONFIRMED", "CANCELLED"] } },
    include: { endstation: { include: { facility: { select: { name: true, timeZone: true } } } }, request: { select: { id: true, reference: true, title: true, organisation: { select: { name: true } } } } },
    orderBy: { startsAt: "asc" },
  });
}
