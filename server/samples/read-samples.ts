import type { Actor } from "../access/actor";
import type { Db } from "../db";
import { agreementOfRequest } from "../agreements/read-agreements";
import { clock } from "../clock";
import type { SampleStatus } from "../generated/prisma/enums";
import { loadSampleRequest, staffFacilitiesOf } from "./load";
import { shipmentProgressText, type ShipmentFacts } from "./shipment-state";

/** A request's samples (with their custody chains) and shipments, for the applicant's people and the facility's staff. */
export async function samplesOfRequest(db: Db, actor: Actor, requestId: string) {
  const { request, isApplicant, isFacilityStaff } = await loadSampleRequest(db, actor, requestId);
  const [samples, shipments, agreement] = await Promise.all([
    db.sample.findMany({ where: { requestId }, orderBy: { code: "asc" }, omit: { sdsFile: true }, include: { custody: { orderBy: [{ at: "asc" }, { id: "asc" }] }, container: { select: { code: true, label: true } }, parent: { select: { code: true } } } }),
    db.shipment.findMany({ where: { requestId }, orderBy: { createdAt: "asc" }, include: { containers: { orderBy: { code: "asc" }, include: { samples: { select: { code: true, name: true, status: true } } } } } }),
    agreementOfRequest(db, requestId),
  ]);
  return {
    request: { id: request.id, reference: request.reference, title: request.title, state: request.state, organisation: request.organisation.name, facility: { name: request.facility.name, timeZone: request.facility.timeZone, currency: request.facility.country === "GB" ? ("GBP" as const) : ("EUR" as const) } },
    isApplicant,
    isFacilityStaff,
    agreement: agreement ? { reference: agreement.reference, state: agreement.state, waitingFor: agreement.waitingFor } : null,
    samples,
    shipments: shipments.map((sh) => ({ ...sh, progress: shipmentProgressText(factsOf(sh)) })),
  };
}

/** The facts `shipmentState` reads, from a shipment loaded with its containers' samples. */
function factsOf(shipment: { dispatchedAt: Date | null; receivedAt: Date | null; containers: { receivedAt: Date | null; samples: { status: SampleStatus }[] }[] }): ShipmentFacts {
  return { dispatched: shipment.dispatchedAt !== null, receiptClosed: shipment.receivedAt !== null, containers: shipment.containers.map((c) => ({ received: c.receivedAt !== null, samples: c.samples.map((s) => s.status) })) };
}

/** How long a shipment whose receipt is complete stays on the receipt desk's list. */
const recentDays = 14;

/** Shipments on their way to the actor's facilities, and those received in the last two weeks, for the receipt desk. */
export async function expectedShipments(db: Db, actor: Actor, now = clock.now()) {
  const facilities = await staffFacilitiesOf(db, actor);
  const shipments = await db.shipment.findMany({
    where: { facilityId: { in: facilities.map((f) => f.id) }, dispatchedAt: { not: null }, OR: [{ receivedAt: null }, { receivedAt: { gte: new Date(now.getTime() - recentDays * 86_400_000) } }] },
    include: { facility: { select: { name: true, timeZone: true } }, request: { select: { reference: true } }, containers: { select: { code: true, label: true, receivedAt: true, condition: true, samples: { select: { status: true } } } } },
    orderBy: { expectedArrival: "asc" },
    take: 100,
  });
  return shipments.map((sh) => ({ ...sh, progress: shipmentProgressText(factsOf(sh)) }));
}
