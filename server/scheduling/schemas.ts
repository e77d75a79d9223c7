import { z } from "zod";
import { isoDate } from "../validation/iso-date";

const shiftIndex = z.number({ error: "Choose the first shift." }).int().min(0, "Choose the first shift.").max(23);
const shiftCount = z.number({ error: "Enter the number of shifts." }).int("Use whole shifts.").min(1, "Book at least 1 shift.").max(60, "Book at most 60 shifts at once.");
const reason = z.string().trim().min(5, "Give the reason in a few words; the applicant sees it.").max(1000, "Use at most 1,000 characters.");

export const placeBookingSchema = z.object({
  requestId: z.string().min(1, "Choose the approved request."),
  endstationId: z.string().min(1, "Choose the endstation."),
  date: isoDate,
  firstShift: shiftIndex,
  shifts: shiftCount,
  /** A tentative hold keeps the time for `holdDays`, then lapses unless confirmed. */
  hold: z.boolean().default(false),
  holdDays: z.number().int().min(1, "Hold for at least a day.").max(30, "Hold for at most 30 days.").default(7),
  notes: z.string().trim().max(2000).default(""),
});
export type PlaceBookingInput = z.input<typeof placeBookingSchema>;

export const moveBookingSchema = z.object({
  bookingId: z.string().min(1),
  endstationId: z.string().min(1, "Choose the endstation."),
  date: isoDate,
  firstShift: shiftIndex,
  reason,
});
export type MoveBookingInput = z.input<typeof moveBookingSchema>;

export const cancelBookingSchema = z.object({ bookingId: z.string().min(1), reason });
export const confirmBookingSchema = z.object({ bookingId: z.string().min(1) });

export const downtimeSchema = z.object({
  bookingId: z.string().min(1),
  hours: z.number({ error: "Enter the hours lost." }).min(0, "Hours cannot be negative.").max(1000).multipleOf(0.25, "Use quarter hours (0.25)."),
  note: z.string().trim().min(5, "Say what went wrong (beam loss, detector fault…).").max(1000),
});

export const nonUserKinds = ["MAINTENANCE", "MACHINE_DEVELOPMENT", "SHUTDOWN"] as const;
export const nonUserTimeSchema = z.object({
  endstationId: z.string().min(1, "Choose the endstation."),
  kind: z.enum(nonUserKinds, { error: "Choose the kind of non-user time." }),
  date: isoDate,
  firstShift: shiftIndex,
  shifts: z.number({ error: "Enter the number of shifts." }).int().min(1, "At least 1 shift.").max(600, "At most 600 shifts."),
  title: z.string().trim().min(3, "Name it, e.g. “Quarterly vacuum maintenance”.").max(160),
});
export type NonUserTimeInput = z.input<typeof nonUserTimeSchema>;

export const calendarQuerySchema = z.object({
  facilityId: z.string().min(1),
  cycleId: z.string().optional(),
  from: isoDate.optional(),
  days: z.number().int().min(1).max(62).default(14),
});
