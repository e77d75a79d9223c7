import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { agreementOfRequest } from "../agreements/read-agreements";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { custodyActor, loadSampleRequest, nextCode, nextShipmentReference } from "./load";
import { refreshShipmentStates } from "./refresh-shipment-state";
import type { createShipmentSchema } from "./schemas";
import { clock } from "../clock";

/** The applicant plans a shipment: courier, tracking, containers and which samples go in each. */
export async function createShipment(tx: Tx, ctx: RequestContext, input: z.output<typeof createShipmentSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { request, isApplicant } = await loadSampleRequest(tx, ctx.actor, input.requestId);
  if (!isApplicant) throw forbidden(`Only ${request.organisation.name}'s people ship its samples.`);
  const ids = input.containers.flatMap((c) => c.sampleIds);
  if (new Set(ids).size !== ids.length) throw invalid("A sample can be in only one container.", "containers");
  const samples = await tx.sample.findMany({ where: { id: { in: ids } } });
  if (samples.length !== ids.length || samples.some((s) => s.requestId !== request.id)) throw invalid("Every sample must be one of this request's registered samples.", "containers");
  const shipped = samples.find((s) => s.containerId !== null || s.status !== "REGISTERED");
  if (shipped) throw conflict(`${shipped.code} is already in a shipment.`, "containers");
  if (samples.some((s) => s.hazards.includes("RADIOACTIVE")) && !input.dangerousGoods) throw invalid("The shipment holds a radioactive sample: declare it as dangerous goods with its UN number (e.g. UN2910 for excepted packages).", "dangerousGoods");

  const shipment = await tx.shipment.create({
    data: {
      reference: await nextShipmentReference(tx, request.facility, now),
      requestId: request.id,
      facilityId: request.facilityId,
      organisationId: request.organisationId,
      courier: input.courier,
      trackingNumber: input.trackingNumber,
      declaredValueMinor: input.declaredValueMinor,
      currency: input.currency,
      dangerousGoods: input.dangerousGoods,
      unNumber: input.dangerousGoods ? input.unNumber : null,
      expectedArrival: new Date(`${input.expectedArrival}T00:00:00Z`),
      createdById: ctx.actor.userId,
    },
  });
  for (const c of input.containers) {
    const container = await tx.container.create({ data: { code: await nextCode(tx, request.facility, "C"), shipmentId: shipment.id, label: c.label } });
    // Conditional: a sample packed by a concurrent shipment is not taken out of it.
    const packed = await tx.sample.updateMany({ where: { id: { in: c.sampleIds }, containerId: null, status: "REGISTERED" }, data: { containerId: container.id } });
    if (packed.count !== c.sampleIds.length) throw conflict("One of these samples has just been put in another shipment; reload and plan again.", "containers");
    await tx.custodyEvent.createMany({ data: c.sampleIds.map((sampleId) => ({ kind: "PACKED" as const, sampleId, containerId: container.id, shipmentId: shipment.id, ...custodyActor(ctx.actor), note: `Packed in ${c.label} (${container.code})` })) });
  }
  await recordAudit(tx, ctx, { action: "shipment.planned", entityType: "Shipment", entityId: shipment.id, after: { reference: shipment.reference, request: request.reference, containers: input.containers.length, samples: ids.length } });
  return { id: shipment.id, reference: shipment.reference };
}

/**
 * Nothing ships before the agreement is signed by every party and every
 * sample that needs it has passed safety review; the refusal names what is
 * missing. The status moves with a conditional update, so a double click
 * dispatches once.
 */
export async function dispatchShipment(tx: Tx, ctx: RequestContext, shipmentId: string, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const shipment = await tx.shipment.findUnique({ where: { id: shipmentId }, include: { containers: { include: { samples: true } } } });
  if (!shipment) throw notFound("The shipment");
  const { request, isApplicant } = await loadSampleRequest(tx, ctx.actor, shipment.requestId).catch(() => {
    throw notFound("The shipment");
  });
  if (!isApplicant) throw forbidden(`Only ${request.organisation.name}'s people dispatch its shipments.`);
  const agreement = await agreementOfRequest(tx, request.id);
  if (agreement?.state !== "SIGNED") {
    throw conflict(!agreement ? `No sample ships before the agreement is signed; ${request.facility.name} has not sent it yet.` : agreement.state === "DECLINED" ? `No sample ships: agreement ${agreement.reference} was declined.` : `No sample ships before agreement ${agreement.reference} is signed; waiting for ${agreement.waitingFor.join(" and ")}.`);
  }
  const samples = shipment.containers.flatMap((c) => c.samples);
  const unapproved = samples.filter((s) => s.safety === "PENDING" || s.safety === "REJECTED");
  if (unapproved.length) throw conflict(`${unapproved.map((s) => `${s.code} (${s.name})`).join(", ")} ${unapproved.length === 1 ? "has" : "have"} not passed the facility's safety review${unapproved.some((s) => s.safety === "REJECTED") ? " or were refused" : ""}; they cannot ship.`);
  const moved = await tx.shipment.updateMany({ where: { id: shipment.id, dispatchedAt: null }, data: { dispatchedAt: now } });
  if (moved.count === 0) throw conflict(`${shipment.reference} has already been dispatched.`);
  // A sample the receipt desk already scanned on its own (it came ahead of its shipment) stays stored.
  const leaving = samples.filter((s) => s.status === "REGISTERED");
  await tx.sample.updateMany({ where: { id: { in: leaving.map((s) => s.id) }, status: "REGISTERED" }, data: { status: "DISPATCHED" } });
  await tx.custodyEvent.createMany({ data: leaving.map((s) => ({ kind: "DISPATCHED" as const, at: now, sampleId: s.id, containerId: s.containerId, shipmentId: shipment.id, ...custodyActor(ctx.actor), location: `${shipment.courier} ${shipment.trackingNumber}` })) });
  const [change] = await refreshShipmentStates(tx, [shipment.id]);
  await recordAudit(tx, ctx, { action: "shipment.dispatched", entityType: "Shipment", entityId: shipment.id, after: { reference: shipment.reference, courier: shipment.courier, trackingNumber: shipment.trackingNumber, status: change?.to } });
  return { status: change?.to ?? shipment.status };
}
