import { z } from "zod";
import { isoDate } from "../validation/iso-date";

/** Shared by the server procedures and the forms on /consortia. */

const id = (message: string) => z.string({ error: message }).min(1, message);
const wholeShifts = (max: number, min = 1) =>
  z.number({ error: "Enter a number of shifts." }).int("Use whole shifts.").min(min, min === 0 ? "Cannot be negative." : `At least ${min} shift.`).max(max, `At most ${max} shifts.`);

export const grantBlockSchema = z
  .object({
    consortiumId: id("Choose the consortium."),
    endstationId: id("Choose the endstation."),
    shiftsPerCycle: wholeShifts(200),
    firstCycleId: id("Choose the first cycle."),
    lastCycleId: id("Choose the last cycle."),
    reportingDates: z.array(isoDate).max(24, "At most 24 reporting dates.").default([]),
    unusedWarningDays: z.number({ error: "Enter a number of days." }).int("Use whole days.").min(0, "Cannot be negative.").max(180, "At most 180 days.").default(21),
  })
  .refine((b) => new Set(b.reportingDates).size === b.reportingDates.length, { path: ["reportingDates"], message: "A reporting date is listed twice." });
export type GrantBlockInput = z.input<typeof grantBlockSchema>;

export const placeBlockSchema = z.object({
  blockId: id("Choose the block."),
  cycleId: id("Choose the cycle."),
  date: isoDate,
  /** 0-based index of the first shift of the day. */
  shiftIndex: z.number({ error: "Choose the first shift." }).int().min(0, "Choose the first shift."),
  shifts: wholeShifts(200),
});
export type PlaceBlockInput = z.input<typeof placeBlockSchema>;

export const setSharesSchema = z
  .object({
    blockId: id("Choose the block."),
    cycleId: id("Choose the cycle."),
    shares: z.array(z.object({ organisationId: id("Choose the member."), shifts: wholeShifts(200, 0) })).min(1, "Give at least one member a share."),
  })
  .refine((s) => new Set(s.shares.map((m) => m.organisationId)).size === s.shares.length, { path: ["shares"], message: "A member is listed twice." });
export type SetSharesInput = z.input<typeof setSharesSchema>;

export const bookSessionSchema = z.object({
  placementId: id("Choose the block time."),
  organisationId: id("Choose the organisation you book for."),
  date: isoDate,
  shiftIndex: z.number({ error: "Choose the first shift." }).int().min(0, "Choose the first shift."),
  shifts: wholeShifts(60),
  title: z.string().trim().min(3, "Say in a few words what you will measure.").max(200, "Use at most 200 characters."),
});
export type BookSessionInput = z.input<typeof bookSessionSchema>;

export const sessionIdSchema = z.object({ sessionId: id("Choose the session.") });

export const decideSessionSchema = z.object({
  sessionId: id("Choose the session."),
  decision: z.enum(["APPROVE", "DECLINE"]),
});
export type DecideSessionInput = z.input<typeof decideSessionSchema>;
