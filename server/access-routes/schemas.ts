import { z } from "zod";
import { isoDate } from "../validation/iso-date";


/** What a facility admin may change on a route. Confidentiality follows the route's kind and is not editable. */
export const updateRouteSchema = z.object({
  routeId: z.string().min(1),
  name: z.string().trim().min(3, "Name the route in a few words.").max(120, "Use at most 120 characters."),
  description: z.string().trim().min(10, "Describe the route in a sentence.").max(1000, "Use at most 1,000 characters."),
  dataPolicy: z.string().trim().min(20, "State the data policy in at least 20 characters.").max(3000, "Use at most 3,000 characters."),
  decisionTargetDays: z.number({ error: "Enter the decision target in days." }).int("Use whole days.").min(1, "At least 1 day.").max(365, "At most 365 days."),
  needsCall: z.boolean(),
  maxShifts: z.number({ error: "Enter a number of shifts." }).int("Use whole shifts.").min(1, "At least 1 shift.").max(60, "At most 60 shifts.").nullable(),
  embargoMonths: z.number({ error: "Enter the embargo in months." }).int("Use whole months.").min(0, "Cannot be negative.").max(120, "At most 120 months.").nullable(),
  active: z.boolean(),
});
export type UpdateRouteInput = z.input<typeof updateRouteSchema>;

export const createCallSchema = z
  .object({
    routeId: z.string().min(1),
    cycleId: z.string().min(1, "Choose the cycle."),
    title: z.string().trim().min(5, "Give the call a title.").max(160, "Use at most 160 characters."),
    opensOn: isoDate,
    closesOn: isoDate,
  })
  .refine((c) => c.closesOn > c.opensOn, { path: ["closesOn"], message: "The call must close after it opens." });
export type CreateCallInput = z.input<typeof createCallSchema>;
