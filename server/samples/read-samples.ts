import type { Actor } from "../access/actor";
import type { Db } from "../db";
import { agreementOfRequest } from "../agreements/read-agreements";
import { loadSampleRequest, staffFacilitiesOf } from "./load";

/** A request's samples (with their custody chains) and shipments, for the applicant's people and the facility's staff. */
export async function samplesOfRequest(db: Db, actor: Actor, requestId: string) {
  const { request, isApplicant, isFacilityStaff } = await loadSampleRequest(db, actor, requestId);
  const [samples, shipments, agreement] = await Promise.all([
    db.sample.findMany({ where: { requestId }, orderBy: { code: "asc" }, omit: { sdsFile: true }, include: { custody: { orderBy: [{ at: "asc" }, { id: "asc" }] }, container: { select: { code: true, label: true } }, parent: { select: { code: true } } } }),
    db.shipment.findMany({ where: { requestId }, orderBy: { createdAt: "asc" }, include: { containers: { orderBy: { code: "asc" }, include: { samples: { select: { code: true, name: true } } } } } }),
    agreementOfRequest(db, requestId),
  ]);
  return {
    request: { id: request.id, reference: request.reference, title: request.title, state: request.state, organisation: request.organisation.name, facility: { name: request.facility.name, timeZone: request.facility.timeZone, currency: request.facility.country === "GB" ? ("GBP" as const) : ("EUR" as const) } },
    isApplicant,
    isFacilityStaff,
    agreement: agreement ? { reference: agreement.reference, state: agreement.state, waitingFor: agreement.waitingFor } : null,
    samples,
    shipments,
  };
}

/** Shipments on their way to the actor's facilities, for the receipt desk. */
export async function expectedShipments(db: Db, actor: Actor) {
  const facilities = await staffFacilitiesOf(db, actor);
  return db.shipment.findMany({
    where: { facilityId: { in: facilities.map((f) => f.id) }, status: { in: ["DISPATCHED", "IN_TRANSIT", "RECEIVED"] } },
    include: { facility: { select: { name: true, timeZone: true } }, request: { select: { reference: true } }, containers: { select: { code: true, label: true, receivedAt: true, condition: true } } },
    orderBy: { expectedArrival: "asc" },
    take: 100,
  });
}
