import { tz } from "@date-fns/tz";
import { format } from "date-fns";

/** "14 May 2027" in the facility's zone. */
export function formatFacilityDate(at: Date, timeZone: string): string {
  return format(at, "d MMM yyyy", { in: tz(timeZone) });
}

/** "14 May 2027 08:00 Europe/London": times always name their zone. */
export function formatFacilityDateTime(at: Date, timeZone: string): string {
  return `${format(at, "d MMM yyyy HH:mm", { in: tz(timeZone) })} ${timeZone}`;
}
