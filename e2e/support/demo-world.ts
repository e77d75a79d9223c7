// What the journeys need to know of the seeded world, read from the same
// timeline the seed used (prisma/seed/timeline.ts), so they pass on any date.
import { tz } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { demoBlock } from "../../prisma/seed/blocks";
import { demoTimeline } from "../../prisma/seed/timeline";

const timeline = demoTimeline();

/** The next cycle, whose call is open and in which CORNUBIA's block is placed ("2027-1" as drawn). */
export const firstCycle = timeline.cycle("2027-1");

/** CORNUBIA's placement: 24 shifts of 8 hours from 08:00 Europe/London on this day. */
export const cornubiaPlacementDay = demoBlock(timeline).placement.date;

/** "yyyy-mm-dd" `days` after `iso`. */
export function dayAfter(iso: string, days: number): string {
  return format(addDays(new Date(`${iso}T12:00:00Z`), days), "yyyy-MM-dd");
}

const dayLabel = (iso: string) => format(new Date(`${iso}T12:00:00Z`), "d MMM yyyy", { in: tz("UTC") });

/** "8 Mar 2027 08:00 to 16 Mar 2027 08:00 Europe/London", as the portal writes a span of shifts. */
export function londonSpan(from: string, to: string, hhmm = "08:00"): string {
  return `${dayLabel(from)} ${hhmm} to ${dayLabel(to)} ${hhmm} Europe/London`;
}

/** A day `days` from today, "yyyy-mm-dd" in Europe/London. */
export function daysFromToday(days: number): string {
  return format(addDays(new Date(), days), "yyyy-MM-dd", { in: tz("Europe/London") });
}
