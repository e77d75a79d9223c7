import type { SessionState } from "../generated/prisma/enums";
import type { ShiftPattern } from "../scheduling/shifts";

/** Pure helpers for showing blocks and sessions (safe in server and client components). */

/** "08:00–16:00 Europe/London" for each shift of the day, in the facility's zone. */
export function shiftTimeLabels(pattern: ShiftPattern): { index: number; label: string }[] {
  const [hh, mm] = pattern.firstShiftStartsAt.split(":").map(Number) as [number, number];
  const clock = (minutes: number) => {
    const m = ((minutes % 1440) + 1440) % 1440;
    return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  };
  return Array.from({ length: pattern.shiftsPerDay }, (_, index) => {
    const start = hh * 60 + mm + index * pattern.shiftHours * 60;
    return { index, label: `${clock(start)}–${clock(start + pattern.shiftHours * 60)} ${pattern.timeZone}` };
  });
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localIsoDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

export const sessionStateLabels: Record<SessionState, string> = {
  PENDING_APPROVAL: "Waiting for the lead's approval",
  BOOKED: "Booked",
  DECLINED: "Declined by the lead",
  CANCELLED: "Cancelled",
};

export const sessionStateTones: Record<SessionState, "warning" | "success" | "danger" | "neutral"> = {
  PENDING_APPROVAL: "warning",
  BOOKED: "success",
  DECLINED: "danger",
  CANCELLED: "neutral",
};
