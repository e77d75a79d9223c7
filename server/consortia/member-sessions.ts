import { organisationIdsOf, type Actor } from "../access/actor";
import type { Db } from "../db";
import type { CalendarEvent } from "../scheduling/ics";
import { activeSessionStates } from "./load";
import { sessionEvent } from "./notify-session";
import { consortiumRoles } from "./policy";

const sessionInclude = {
  organisation: { select: { id: true, name: true } },
  placement: { select: { reference: true, block: { select: { consortium: { select: { acronym: true, name: true } }, endstation: { select: { name: true, shiftHours: true, facility: { select: { name: true, city: true, timeZone: true } } } } } } } },
} as const;

/**
 * Block sessions booked by these organisations. Callers pass the
 * organisations where the person holds a consortium role: a session is for
 * the people of the member organisation that booked it, not for the lead or
 * the other members (they see it as taken time on /consortia).
 */
async function sessionsBookedBy(db: Db, organisationIds: string[], onlyLive: boolean) {
  if (organisationIds.length === 0) return [];
  const sessions = await db.blockSession.findMany({
    where: { organisationId: { in: organisationIds }, ...(onlyLive ? { state: { in: [...activeSessionStates] }, placement: { state: "CONFIRMED" } } : {}) },
    include: sessionInclude,
    orderBy: { startsAt: "asc" },
    take: 2000,
  });
  return sessions.map((s) => {
    const block = s.placement.block!;
    return {
      id: s.id,
      title: s.title,
      state: s.state,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      shifts: s.shifts,
      organisation: s.organisation,
      placement: { reference: s.placement.reference },
      consortium: block.consortium,
      endstation: { name: block.endstation.name, shiftHours: block.endstation.shiftHours },
      facility: block.endstation.facility,
      block,
    };
  });
}

/** For /bookings: every session the actor's member organisations booked, cancelled and declined ones included. */
export async function myBlockSessions(db: Db, actor: Actor) {
  const sessions = await sessionsBookedBy(db, organisationIdsOf(actor, ...consortiumRoles), false);
  return sessions.map(({ block: _block, ...s }) => s);
}

/** For a person's iCal feed: their member organisations' live sessions, with the uid their emails use. */
export async function blockSessionEvents(db: Db, memberships: { organisationId: string; role: string }[]): Promise<CalendarEvent[]> {
  const organisationIds = memberships.filter((m) => (consortiumRoles as readonly string[]).includes(m.role)).map((m) => m.organisationId);
  const sessions = await sessionsBookedBy(db, organisationIds, true);
  // Each change of a session is one audit row: their count is the event's SEQUENCE, as in the emails.
  const changes = sessions.length
    ? await db.auditEvent.groupBy({ by: ["entityId"], where: { entityType: "BlockSession", entityId: { in: sessions.map((s) => s.id) } }, _count: { _all: true } })
    : [];
  const sequence = new Map(changes.map((c) => [c.entityId, c._count._all]));
  return sessions.map((s) => ({ ...sessionEvent(s, { placement: s.placement, block: s.block }), sequence: sequence.get(s.id) ?? 0 }));
}
