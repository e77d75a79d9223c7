import { createEvents, type EventAttributes } from "ics";

export interface CalendarEvent {
  /** Stable per booking, so an update replaces the event rather than adding one. */
  uid: string;
  title: string;
  description: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  /** Increases with every change (RFC 5545 SEQUENCE). */
  sequence: number;
  url?: string;
}

/**
 * Text from users (titles, names, locations) must never break an iCalendar
 * line: a CR or LF in it could start a forged property such as ATTENDEE.
 * The ics package escapes LF but passes a bare CR through, so both go here.
 */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ").trim();
/** Descriptions keep their line breaks, but only as LF, which ics writes as the escaped two characters "\n". */
const escapedLines = (text: string) => text.split(/\r\n|\r|\n/).join("\n");

const toAttributes = (e: CalendarEvent): EventAttributes => ({
  uid: oneLine(e.uid),
  title: oneLine(e.title),
  description: escapedLines(e.description),
  location: oneLine(e.location),
  start: e.startsAt.getTime(),
  startInputType: "utc",
  startOutputType: "utc",
  end: e.endsAt.getTime(),
  endInputType: "utc",
  endOutputType: "utc",
  status: e.status,
  sequence: e.sequence,
  ...(e.url ? { url: oneLine(e.url) } : {}),
});

/** An iCalendar document (RFC 5545) of the events; METHOD is PUBLISH for feeds, REQUEST/CANCEL for invitations. */
export function calendarFile(events: CalendarEvent[], method: "PUBLISH" | "REQUEST" | "CANCEL", calendarName = "Lodestone beamtime"): string {
  const name = oneLine(calendarName);
  if (events.length === 0) {
    // ics refuses an empty list; an empty feed is still a valid calendar.
    return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lodestone//Beamtime//EN", `METHOD:${method}`, `X-WR-CALNAME:${name}`, "END:VCALENDAR", ""].join("\r\n");
  }
  const { error, value } = createEvents(events.map(toAttributes), { productId: "-//Lodestone//Beamtime//EN", method, calName: name });
  if (error || !value) throw new Error(`Could not build the calendar file: ${error?.message ?? "no output"}`);
  return value;
}
