import type { Tx } from "../db";
import type { ShipmentStatus } from "../generated/prisma/enums";
import { shipmentState } from "./shipment-state";

export interface ShipmentStateChange {
  reference: string;
  from: ShipmentStatus;
  to: ShipmentStatus;
}

/**
 * Brings the shipments' stored state in step with their events and samples,
 * inside the caller's transaction, after it has changed them. Each shipment
 * row is locked before its facts are read: two transactions changing samples
 * of one shipment compute its state one after the other, and the later sees
 * the earlier's changes. Ids are sorted so two callers lock in the same order.
 * Returns what changed, for the caller's audit row.
 */
export async function refreshShipmentStates(tx: Tx, shipmentIds: readonly (string | null | undefined)[]): Promise<ShipmentStateChange[]> {
  const changes: ShipmentStateChange[] = [];
  for (const id of [...new Set(shipmentIds.filter((s): s is string => !!s))].sort()) {
    await tx.$queryRaw`SELECT id FROM "Shipment" WHERE id = ${id} FOR UPDATE`;
    const shipment = await tx.shipment.findUniqueOrThrow({
      where: { id },
      select: { reference: true, status: true, dispatchedAt: true, receivedAt: true, containers: { select: { receivedAt: true, samples: { select: { status: true } } } } },
    });
    const next = shipmentState({ dispatched: shipment.dispatchedAt !== null, receiptClosed: shipment.receivedAt !== null, containers: shipment.containers.map((c) => ({ received: c.receivedAt !== null, samples: c.samples.map((s) => s.status) })) });
    if (next === shipment.status) continue;
    await tx.shipment.updateMany({ where: { id, status: shipment.status }, data: { status: next } });
    changes.push({ reference: shipment.reference, from: shipment.status, to: next });
  }
  return changes;
}

/** The shipments the samples travelled in (a loose sample belongs to none). */
export async function shipmentsOfSamples(tx: Tx, sampleIds: readonly string[]): Promise<string[]> {
  const samples = await tx.sample.findMany({ where: { id: { in: [...sampleIds] }, containerId: { not: null } }, select: { container: { select: { shipmentId: true } } } });
  return samples.map((s) => s.container!.shipmentId);
}
