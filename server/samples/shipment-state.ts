import type { SampleStatus, ShipmentStatus } from "../generated/prisma/enums";

/** What is recorded about a shipment and the samples packed in it: everything its state follows from. */
export interface ShipmentFacts {
  /** The applicant handed it to the courier (dispatchedAt). */
  dispatched: boolean;
  /** Its receipt is complete (receivedAt): every container scanned in, or staff closed it with some missing. */
  receiptClosed: boolean;
  containers: { received: boolean; samples: SampleStatus[] }[];
}

/** Samples the facility has in hand or has handled: scanned in, stored, returned or disposed of. */
const arrivedStatuses: ReadonlySet<SampleStatus> = new Set(["RECEIVED", "STORED", "RETURNED", "DISPOSED"]);

/**
 * A shipment's state, from its own events and its samples' states. Every
 * state follows from something recorded (no state changes with the clock
 * alone, so the stored column never lags):
 *
 * - PLANNED: not dispatched yet.
 * - DISPATCHED: with the courier; nothing has arrived.
 * - IN_TRANSIT: arriving: part of it is here (a container or a loose sample
 *   scanned), the rest still with the courier, and the receipt is open.
 * - RECEIVED: the receipt is complete but a sample that arrived is not stored
 *   yet (or nothing in it arrived at all).
 * - STORED: the receipt is complete and the facility holds the samples that
 *   arrived (some may already have gone back or been disposed of).
 * - RETURNED / DISPOSED: every sample that arrived has been returned / disposed of.
 * - RETURNED_AND_DISPOSED: every sample that arrived is gone, some returned, some disposed of.
 *
 * Samples in containers that never came stay DISPATCHED and do not hold the
 * shipment back once its receipt is closed; `shipmentProgress` counts them as missing.
 */
export function shipmentState(facts: ShipmentFacts): ShipmentStatus {
  if (!facts.dispatched) return "PLANNED";
  const arrived = facts.containers.flatMap((c) => c.samples).filter((s) => arrivedStatuses.has(s));
  const receiptComplete = facts.receiptClosed || (facts.containers.length > 0 && facts.containers.every((c) => c.received));
  if (!receiptComplete) return arrived.length > 0 || facts.containers.some((c) => c.received) ? "IN_TRANSIT" : "DISPATCHED";
  if (arrived.length === 0 || arrived.includes("RECEIVED")) return "RECEIVED";
  if (arrived.includes("STORED")) return "STORED";
  if (arrived.every((s) => s === "RETURNED")) return "RETURNED";
  if (arrived.every((s) => s === "DISPOSED")) return "DISPOSED";
  return "RETURNED_AND_DISPOSED";
}

/** The counts shown beside the state, so a partial or mixed shipment reads plainly. */
export function shipmentProgress(facts: ShipmentFacts) {
  const samples = facts.containers.flatMap((c) => c.samples);
  const count = (status: SampleStatus) => samples.filter((s) => s === status).length;
  return {
    containers: facts.containers.length,
    containersReceived: facts.containers.filter((c) => c.received).length,
    samples: samples.length,
    /** Scanned in but not put in the store yet. */
    received: count("RECEIVED"),
    stored: count("STORED"),
    returned: count("RETURNED"),
    disposed: count("DISPOSED"),
    /** Still with the courier after the receipt was closed: they never came. */
    missing: facts.receiptClosed ? count("DISPATCHED") : 0,
  };
}

export const shipmentStateText: Record<ShipmentStatus, string> = {
  PLANNED: "Planned",
  DISPATCHED: "Dispatched",
  IN_TRANSIT: "Partly received",
  RECEIVED: "Received",
  STORED: "Stored",
  RETURNED: "Returned",
  DISPOSED: "Disposed of",
  RETURNED_AND_DISPOSED: "Returned and disposed of",
};

export const shipmentStateTone = {
  PLANNED: "neutral",
  DISPATCHED: "info",
  IN_TRANSIT: "info",
  RECEIVED: "success",
  STORED: "success",
  RETURNED: "neutral",
  DISPOSED: "neutral",
  RETURNED_AND_DISPOSED: "neutral",
} as const satisfies Record<ShipmentStatus, string>;

/** "2 of 3 containers received · 4 stored · 1 returned · 1 missing": only the parts that apply. */
export function shipmentProgressText(facts: ShipmentFacts): string {
  const p = shipmentProgress(facts);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  if (!facts.dispatched) return `${plural(p.containers, "container")}, ${plural(p.samples, "sample")}`;
  return [
    `${p.containersReceived} of ${plural(p.containers, "container")} received`,
    p.received ? `${p.received} awaiting storage` : null,
    p.stored ? `${p.stored} stored` : null,
    p.returned ? `${p.returned} returned` : null,
    p.disposed ? `${p.disposed} disposed of` : null,
    p.missing ? `${plural(p.missing, "sample")} missing` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}
