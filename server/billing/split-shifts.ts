import type { Prisma } from "../db";

/**
 * How a request's granted shifts are shared among its endstations for the
 * quote. Neither the feasibility review nor the request says shifts per
 * endstation (both give one total, and scheduling counts bookings on any of
 * the request's endstations against that total), so the rule is: split the
 * total evenly, in the order the request lists its endstations, the first
 * ones taking what does not divide (7 shifts on two endstations: 4 and 3).
 * The invoice then prices the shifts actually run on each endstation.
 */
export function splitShifts(total: number, endstationCount: number): number[] {
  if (endstationCount < 1) throw new Error("A request names at least one endstation");
  const each = Math.floor(total / endstationCount);
  const rest = total - each * endstationCount;
  return Array.from({ length: endstationCount }, (_, i) => each + (i < rest ? 1 : 0));
}

/** The request's endstations in the order its content lists them (any it does not list last, by name). */
export function inRequestOrder<E extends { id: string; name: string }>(endstations: E[], content: Prisma.JsonValue): E[] {
  const listed = (content as { endstationIds?: unknown } | null)?.endstationIds;
  const order = Array.isArray(listed) ? listed.filter((id): id is string => typeof id === "string") : [];
  const rank = (e: E) => (order.includes(e.id) ? order.indexOf(e.id) : order.length);
  return [...endstations].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
