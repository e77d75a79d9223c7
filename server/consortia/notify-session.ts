import type { Tx } from "../db";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl } from "../organisations/invitation-token";
import { formatFacilityDateTime } from "../time";
import { shiftsText } from "./load";

interface SessionFacts {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  shifts: number;
  state: string;
  createdById: string;
}
interface Where {
  placement: { reference: string };
  block: { consortium: { acronym: string }; endstation: { name: string; shiftHours: number; facility: { name: string; city: string; timeZone: string } } };
}

/** The calendar event of a member's session: the same uid in the iCal feed and in emails, so calendars update it in place. */
export function sessionEvent(session: Pick<SessionFacts, "id" | "title" | "startsAt" | "endsAt" | "shifts" | "state">, where: Where) {
  const { block, placement } = where;
  return {
    uid: `${session.id}@lodestone`,
    title: `${block.consortium.acronym} block session on ${block.endstation.name}`,
    description: `${session.title}\nInside ${block.consortium.acronym}'s block time ${placement.reference}, ${shiftsText(session.shifts)}.`,
    location: `${block.endstation.name}, ${block.endstation.facility.name}, ${block.endstation.facility.city}`,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    status: session.state === "CANCELLED" || session.state === "DECLINED" ? ("CANCELLED" as const) : session.state === "PENDING_APPROVAL" ? ("TENTATIVE" as const) : ("CONFIRMED" as const),
  };
}

/** Tells the member who booked the session that the facility moved or cancelled it, with a calendar file. */
export async function notifySessionChange(tx: Tx, session: SessionFacts, where: Where, change: "moved" | "cancelled", reason: string) {
  const booker = await tx.user.findUnique({ where: { id: session.createdById }, select: { email: true } });
  if (!booker) return;
  const zone = where.block.endstation.facility.timeZone;
  const audit = await tx.auditEvent.count({ where: { entityType: "BlockSession", entityId: session.id } });
  const event = sessionEvent(session, where);
  await enqueueEmail(tx, {
    template: "booking-update",
    to: booker.email,
    // The audit count numbers the session's changes: one message per change, and a retry is not a second one.
    dedupeKey: `block-session-update:${session.id}:${audit}`,
    props: {
      bookingReference: where.placement.reference,
      requestReference: `${where.block.consortium.acronym} block`,
      title: session.title,
      endstation: where.block.endstation.name,
      facility: where.block.endstation.facility.name,
      when: `${formatFacilityDateTime(session.startsAt, zone)} to ${formatFacilityDateTime(session.endsAt, zone)}`,
      shifts: `${shiftsText(session.shifts)} (${session.shifts * where.block.endstation.shiftHours} h)`,
      change,
      reason,
      url: appUrl("/bookings"),
      event: { ...event, status: change === "cancelled" ? "CANCELLED" : event.status, startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString(), sequence: audit, url: appUrl("/bookings") },
    },
  });
}
