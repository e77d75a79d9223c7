import { describe, expect, it } from "vitest";
import type { SampleStatus, ShipmentStatus } from "../generated/prisma/enums";
import { shipmentProgressText, shipmentState, shipmentStateText, type ShipmentFacts } from "./shipment-state";

const sampleStatuses: SampleStatus[] = ["REGISTERED", "DISPATCHED", "RECEIVED", "STORED", "RETURNED", "DISPOSED"];

/** Every container: received or not, holding one or two samples in any states. */
const containerVariants: ShipmentFacts["containers"][number][] = [true, false].flatMap((received) => [
  ...sampleStatuses.map((a) => ({ received, samples: [a] })),
  ...sampleStatuses.flatMap((a) => sampleStatuses.map((b) => ({ received, samples: [a, b] }))),
]);

/** Every shipment of one or two such containers, dispatched or not, receipt closed or not: 2 × 2 × (84 + 84²) cases. */
function* everyShipment(): Generator<ShipmentFacts> {
  for (const dispatched of [true, false]) {
    for (const receiptClosed of [true, false]) {
      for (const a of containerVariants) {
        yield { dispatched, receiptClosed, containers: [a] };
        for (const b of containerVariants) yield { dispatched, receiptClosed, containers: [a, b] };
      }
    }
  }
}

/** The rule as the brief states it, one condition per state, written independently of the implementation. */
function conditions(f: ShipmentFacts): Record<ShipmentStatus, boolean> {
  const samples = f.containers.flatMap((c) => c.samples);
  const arrived = samples.filter((s) => s !== "REGISTERED" && s !== "DISPATCHED");
  const someHere = arrived.length > 0 || f.containers.some((c) => c.received);
  const complete = f.receiptClosed || f.containers.every((c) => c.received);
  const gone = arrived.length > 0 && arrived.every((s) => s === "RETURNED" || s === "DISPOSED");
  return {
    PLANNED: !f.dispatched,
    DISPATCHED: f.dispatched && !complete && !someHere,
    IN_TRANSIT: f.dispatched && !complete && someHere,
    RECEIVED: f.dispatched && complete && (arrived.length === 0 || arrived.includes("RECEIVED")),
    STORED: f.dispatched && complete && arrived.includes("STORED") && !arrived.includes("RECEIVED"),
    RETURNED: f.dispatched && complete && gone && arrived.every((s) => s === "RETURNED"),
    DISPOSED: f.dispatched && complete && gone && arrived.every((s) => s === "DISPOSED"),
    RETURNED_AND_DISPOSED: f.dispatched && complete && gone && arrived.includes("RETURNED") && arrived.includes("DISPOSED"),
  };
}

describe("a shipment's state", () => {
  it("is, for every combination of events and sample states, the one state whose condition holds", () => {
    let cases = 0;
    const seen = new Set<ShipmentStatus>();
    const wrong: { facts: ShipmentFacts; holding: string[]; state: ShipmentStatus }[] = [];
    for (const facts of everyShipment()) {
      const holding = Object.entries(conditions(facts)).filter(([, holds]) => holds).map(([state]) => state);
      const state = shipmentState(facts);
      if (holding.length !== 1 || holding[0] !== state) wrong.push({ facts, holding, state });
      seen.add(state);
      cases++;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(cases).toBe(2 * 2 * (84 + 84 * 84));
    expect([...seen].sort()).toEqual(Object.keys(shipmentStateText).sort());
  });

  it("follows a shipment of two boxes from planning to a mix of returned and disposed samples", () => {
    const at = (dispatched: boolean, receiptClosed: boolean, box1: [boolean, SampleStatus[]], box2: [boolean, SampleStatus[]]): ShipmentFacts => ({ dispatched, receiptClosed, containers: [{ received: box1[0], samples: box1[1] }, { received: box2[0], samples: box2[1] }] });
    const steps: [ShipmentFacts, ShipmentStatus, string][] = [
      [at(false, false, [false, ["REGISTERED", "REGISTERED"]], [false, ["REGISTERED"]]), "PLANNED", "2 containers, 3 samples"],
      [at(true, false, [false, ["DISPATCHED", "DISPATCHED"]], [false, ["DISPATCHED"]]), "DISPATCHED", "0 of 2 containers received"],
      [at(true, false, [true, ["STORED", "STORED"]], [false, ["DISPATCHED"]]), "IN_TRANSIT", "1 of 2 containers received · 2 stored"],
      [at(true, true, [true, ["STORED", "STORED"]], [true, ["STORED"]]), "STORED", "2 of 2 containers received · 3 stored"],
      [at(true, true, [true, ["RETURNED", "STORED"]], [true, ["STORED"]]), "STORED", "2 of 2 containers received · 2 stored · 1 returned"],
      [at(true, true, [true, ["RETURNED", "RETURNED"]], [true, ["DISPOSED"]]), "RETURNED_AND_DISPOSED", "2 of 2 containers received · 2 returned · 1 disposed of"],
    ];
    for (const [facts, state, progress] of steps) {
      expect(shipmentState(facts)).toBe(state);
      expect(shipmentProgressText(facts)).toBe(progress);
    }
  });

  it("does not wait for a container that never came once the receipt is closed, and names what is missing", () => {
    const closed: ShipmentFacts = { dispatched: true, receiptClosed: true, containers: [{ received: true, samples: ["DISPOSED"] }, { received: false, samples: ["DISPATCHED", "DISPATCHED"] }] };
    expect(shipmentState(closed)).toBe("DISPOSED");
    expect(shipmentProgressText(closed)).toBe("1 of 2 containers received · 1 disposed of · 2 samples missing");
    expect(shipmentState({ ...closed, receiptClosed: false })).toBe("IN_TRANSIT");
  });

  it("is partly received when a sample came on its own ahead of its container", () => {
    expect(shipmentState({ dispatched: true, receiptClosed: false, containers: [{ received: false, samples: ["STORED", "DISPATCHED"] }] })).toBe("IN_TRANSIT");
  });
});
