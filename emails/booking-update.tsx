import { Button, Text } from "@react-email/components";
import { calendarFile, type CalendarEvent } from "../server/scheduling/ics";
import type { EmailAttachment } from "./index";
import { buttonStyle, EmailLayout } from "./layout";

export interface BookingUpdateProps {
  bookingReference: string;
  requestReference: string;
  title: string;
  endstation: string;
  facility: string;
  /** "14 May 2027 08:00 Europe/London to 15 May 2027 00:00 Europe/London" */
  when: string;
  shifts: string;
  change: "held" | "confirmed" | "moved" | "cancelled";
  reason?: string;
  holdExpires?: string;
  url: string;
  /** The event as it now stands; attached as an .ics invitation. */
  event: Omit<CalendarEvent, "startsAt" | "endsAt"> & { startsAt: string; endsAt: string };
}

const headline: Record<BookingUpdateProps["change"], string> = {
  held: "is pencilled in (tentative hold)",
  confirmed: "is scheduled",
  moved: "has moved",
  cancelled: "is cancelled",
};

export const bookingUpdateSubject = (p: BookingUpdateProps) => `${p.requestReference}: beamtime ${headline[p.change]} (${p.bookingReference})`;

export function bookingUpdateAttachments(p: BookingUpdateProps): EmailAttachment[] {
  const event = { ...p.event, startsAt: new Date(p.event.startsAt), endsAt: new Date(p.event.endsAt) };
  return [{ filename: `${p.bookingReference}.ics`, contentType: "text/calendar; charset=utf-8", content: calendarFile([event], p.change === "cancelled" ? "CANCEL" : "REQUEST") }];
}

export default function BookingUpdateEmail(p: BookingUpdateProps) {
  return (
    <EmailLayout preview={`${p.requestReference} beamtime ${headline[p.change]}`}>
      <Text>
        Your beamtime for <strong>{p.requestReference}</strong> “{p.title}” {headline[p.change]}:
      </Text>
      <Text style={{ borderLeft: "3px solid #cbd2d9", paddingLeft: 12 }}>
        {p.endstation}, {p.facility}
        <br />
        {p.when} · {p.shifts}
        <br />
        Booking {p.bookingReference}
      </Text>
      {p.reason ? <Text>Reason: {p.reason}</Text> : null}
      {p.holdExpires ? <Text>The hold lapses on {p.holdExpires} unless the facility confirms it.</Text> : null}
      <Text>The attached calendar file adds or updates the event in your calendar.</Text>
      <Button href={p.url} style={buttonStyle}>See your bookings</Button>
    </EmailLayout>
  );
}
