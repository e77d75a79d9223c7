import { invalid } from "../errors";
import { slotFor, type Slot } from "./shifts";

/** The form's names for the first shift and the number of shifts, so a refusal lands beside the right field. */
export interface SlotFields {
  shift: string;
  count: string;
}

/** `slotFor`, with its refusals turned into clear field errors. */
export function slotOrInvalid(fields: SlotFields, ...args: Parameters<typeof slotFor>): Slot {
  try {
    return slotFor(...args);
  } catch (error) {
    if (error instanceof RangeError) throw invalid(error.message, error.message.startsWith("Shift") ? fields.shift : fields.count);
    throw invalid("Enter a date.", "date");
  }
}

/** The calendar's forms name the first shift "firstShift". */
export const calendarSlotFields: SlotFields = { shift: "firstShift", count: "shifts" };
