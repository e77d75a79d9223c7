import type { Tx } from "../db";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl } from "../organisations/invitation-token";
import { applicantContacts } from "../organisations/request-contacts";
import { formatFacilityDateTime } from "../time";

export type BookingChange = "held" | "confirmed" | "moved" | "cancelled";

/** Tells the request's applicant, with a calendar file; one message per booking change. */
export async function notifyBookingChange(tx: Tx, bookingId: string, change: BookingChange, reason?: string) {
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: { endstation: { include: { facility: true } }, request: true },
  });
  if (!booking.request) return; // non-user time and blocks have no applicant to tell
  const zone = booking.endstation.facility.timeZone;
  const audit = await tx.auditEvent.count({ where: { entityType: "Booking", entityId: booking.id } });
  // Someone who has left the applicant organisation is not told; its managers are.
  for (const contact of await applicantContacts(tx, booking.request)) await enqueueEmail(tx, {
    template: "booking-update",
    to: contact.email,
    // The audit count numbers the changes, so each change is one message and a retry is not a second one.
    dedupeKey: `booking-update:${booking.id}:${audit}${contact.isCreator ? "" : `:${contact.email}`}`,
    props: {
      bookingReference: booking.reference,
      requestReference: booking.request.reference ?? "",
      title: booking.request.title,
      endstation: booking.endstation.name,
      facility: booking.endstation.facility.name,
      when: `${formatFacilityDateTime(booking.startsAt, zone)} to ${formatFacilityDateTime(booking.endsAt, zone)}`,
      shifts: `${booking.shifts} shift${booking.shifts === 1 ? "" : "s"} (${booking.shifts * booking.endstation.shiftHours} h)`,
      change,
      reason,
      holdExpires: booking.state === "HELD" && booking.holdExpiresAt ? formatFacilityDateTime(booking.holdExpiresAt, zone) : undefined,
      url: appUrl("/bookings"),
      event: {
        uid: `${booking.id}@lodestone`,
        title: `${booking.request.reference} beamtime on ${booking.endstation.name}`,
        description: `${booking.request.title}\nBooking ${booking.reference}, ${booking.shifts} shifts.`,
        location: `${booking.endstation.name}, ${booking.endstation.facility.name}, ${booking.endstation.facility.city}`,
        startsAt: booking.startsAt.toISOString(),
        endsAt: booking.endsAt.toISOString(),
        status: change === "cancelled" ? "CANCELLED" : booking.state === "HELD" ? "TENTATIVE" : "CONFIRMED",
        sequence: audit,
        url: appUrl("/bookings"),
      },
    },
  });
}
