import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { emailApplicant, requestUrl } from "../access-requests/notify";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { formatFacilityDateTime } from "../time";
import { custodyActor, staffFacilitiesOf } from "./load";
import { refreshShipmentStates, shipmentsOfSamples } from "./refresh-shipment-state";
import type { receiveSchema } from "./schemas";
import { clock } from "../clock";

type Condition = "INTACT" | "DAMAGED" | "LEAKING";

async function tellApplicant(tx: Tx, shipmentId: string, headline: string, details: string[], key: string) {
  const shipment = await tx.shipment.findUniqueOrThrow({ where: { id: shipmentId }, include: { request: { select: { id: true, reference: true, title: true, organisationId: true, createdById: true } } } });
  await emailApplicant(tx, shipment.request, "shipment-update", { shipment: shipment.reference, request: `${shipment.request.reference} “${shipment.request.title}”`, headline, details, url: `${requestUrl(shipment.request.id)}/samples` }, `shipment:${shipmentId}:${key}`);
}

/** When every container has been received the shipment's receipt is complete, and the applicant is told. */
async function completeIfAllReceived(tx: Tx, shipmentId: string, now: Date, timeZone: string) {
  const open = await tx.container.count({ where: { shipmentId, receivedAt: null } });
  if (open > 0) return false;
  const moved = await tx.shipment.updateMany({ where: { id: shipmentId, receivedAt: null }, data: { receivedAt: now } });
  if (moved.count === 0) return false;
  const containers = await tx.container.findMany({ where: { shipmentId }, include: { samples: { select: { code: true, storageLocation: true } } } });
  await tellApplicant(tx, shipmentId, "received", [`Received on ${formatFacilityDateTime(now, timeZone)}.`, ...containers.map((c) => `${c.label} (${c.code}): ${c.condition?.toLowerCase() ?? "received"}, ${c.samples.length} sample${c.samples.length === 1 ? "" : "s"} stored at ${c.samples[0]?.storageLocation ?? "the sample store"}.`)], "received");
  return true;
}

/**
 * The receipt desk: staff scan (or type) a container's or a sample's code and
 * record its condition and where it is stored. A code from another facility
 * or one that does not exist is refused in the same words and nothing changes; a damaged or
 * leaking container, or a sample nobody shipped, is flagged to the applicant.
 */
export async function receiveByCode(tx: Tx, ctx: RequestContext, input: z.output<typeof receiveSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const mine = await staffFacilitiesOf(tx, ctx.actor);
  if (mine.length === 0) throw forbidden("Only facility staff receive samples.");
  const container = await tx.container.findUnique({ where: { code: input.code }, include: { shipment: { include: { facility: true } }, samples: { orderBy: { code: "asc" } } } });
  const sample = container ? null : await tx.sample.findUnique({ where: { code: input.code }, include: { request: { include: { facility: true } } } });
  const found = container?.shipment.facility ?? sample?.request.facility;
  // Another facility's code is answered exactly as one that does not exist: its existence is that facility's business.
  const facility = found && mine.some((f) => f.id === found.id) ? found : null;
  if (!facility) throw invalid(`No container or sample sent to ${mine.map((f) => f.name).join(" or ")} has the code ${input.code}. Check the label; an item without a label is reported to the applicant by email.`, "code");
  const who = custodyActor(ctx.actor);
  const condition = input.condition as Condition;
  const flagged = condition !== "INTACT";

  if (container) {
    if (container.shipment.dispatchedAt === null) throw conflict(`${container.shipment.reference} has not been dispatched yet; the applicant dispatches it first.`, "code");
    const received = await tx.container.updateMany({ where: { id: container.id, receivedAt: null }, data: { receivedAt: now, condition } });
    if (received.count === 0) throw conflict(`${container.label} (${container.code}) was already received on ${formatFacilityDateTime(container.receivedAt!, facility.timeZone)}.`, "code");
    // Samples scanned on their own before their container are already stored: left where they are.
    const arriving = container.samples.filter((s) => s.status === "DISPATCHED");
    await tx.sample.updateMany({ where: { id: { in: arriving.map((s) => s.id) }, status: "DISPATCHED" }, data: { status: "STORED", storageLocation: input.location } });
    const inContainer = { at: now, containerId: container.id, shipmentId: container.shipmentId, ...who };
    await tx.custodyEvent.createMany({
      data: arriving.flatMap((s) => [
        { ...inContainer, kind: "RECEIVED" as const, sampleId: s.id, condition, location: "Receipt desk", note: input.note },
        { ...inContainer, kind: "STORED" as const, sampleId: s.id, location: input.location },
      ]),
    });
    if (flagged) {
      await tx.custodyEvent.create({ data: { kind: "FLAGGED", at: now, containerId: container.id, shipmentId: container.shipmentId, ...who, condition, note: input.note || `${container.label} arrived ${condition.toLowerCase()}` } });
      await tellApplicant(tx, container.shipmentId, `flagged: ${container.label} arrived ${condition.toLowerCase()}`, [`${container.label} (${container.code}) arrived ${condition.toLowerCase()} on ${formatFacilityDateTime(now, facility.timeZone)}.`, input.note || "The facility's staff will contact you about the samples inside."], `flag:${container.id}`);
    }
    const complete = await completeIfAllReceived(tx, container.shipmentId, now, facility.timeZone);
    const [change] = await refreshShipmentStates(tx, [container.shipmentId]);
    const shipmentStatus = change?.to ?? container.shipment.status;
    await recordAudit(tx, ctx, { action: flagged ? "shipment.flagged" : "shipment.received", entityType: "Container", entityId: container.id, after: { code: container.code, shipment: container.shipment.reference, shipmentStatus, condition, location: input.location, samples: container.samples.length } });
    return { kind: "container" as const, code: container.code, label: container.label, samples: container.samples.map((s) => s.code), condition, location: input.location, shipment: container.shipment.reference, shipmentStatus, shipmentComplete: complete, flagged };
  }

  // A sample scanned on its own: expected if it travelled in a dispatched shipment, otherwise unexpected.
  const s = sample!;
  if (s.status === "STORED" || s.status === "RECEIVED") throw conflict(`${s.code} is already received and stored at ${s.storageLocation ?? "the sample store"}.`, "code");
  const unexpected = s.status !== "DISPATCHED";
  const stored = await tx.sample.updateMany({ where: { id: s.id, status: s.status }, data: { status: "STORED", storageLocation: input.location } });
  if (stored.count === 0) throw conflict(`${s.code} was received a moment ago.`, "code");
  await tx.custodyEvent.create({ data: { kind: "RECEIVED", at: now, sampleId: s.id, ...who, condition, location: "Receipt desk", note: input.note } });
  await tx.custodyEvent.create({ data: { kind: "STORED", at: now, sampleId: s.id, ...who, location: input.location } });
  if (unexpected || flagged) {
    await tx.custodyEvent.create({ data: { kind: "FLAGGED", at: now, sampleId: s.id, ...who, condition, note: unexpected ? "Arrived without a dispatched shipment" : `Arrived ${condition.toLowerCase()}` } });
    await emailApplicant(tx, s.request, "shipment-update", { shipment: s.code, request: `${s.request.reference} “${s.request.title}”`, headline: unexpected ? "flagged: arrived unexpectedly" : `flagged: arrived ${condition.toLowerCase()}`, details: [unexpected ? `${s.code} (${s.name}) arrived at ${facility.name} without a dispatched shipment. Please dispatch its shipment in the portal or tell the facility what it is.` : `${s.code} (${s.name}) arrived ${condition.toLowerCase()}.`], url: `${requestUrl(s.requestId)}/samples` }, `sample-flag:${s.id}`);
  }
  // A sample that came ahead of (or without) its container moves its shipment along.
  const [change] = await refreshShipmentStates(tx, await shipmentsOfSamples(tx, [s.id]));
  await recordAudit(tx, ctx, { action: unexpected || flagged ? "shipment.flagged" : "shipment.received", entityType: "Sample", entityId: s.id, after: { code: s.code, condition, location: input.location, unexpected, shipment: change ? { reference: change.reference, status: change.to } : undefined } });
  return { kind: "sample" as const, code: s.code, label: s.name, samples: [s.code], condition, location: input.location, shipment: null, shipmentStatus: null, shipmentComplete: false, flagged: unexpected || flagged };
}

/** Staff close a shipment's receipt: containers that never arrived are flagged to the applicant. */
export async function closeReceipt(tx: Tx, ctx: RequestContext, shipmentId: string, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const shipment = await tx.shipment.findUnique({ where: { id: shipmentId }, include: { facility: true, containers: true } });
  if (!shipment || !(await staffFacilitiesOf(tx, ctx.actor)).some((f) => f.id === shipment.facilityId)) throw notFound("The shipment");
  const missing = shipment.containers.filter((c) => !c.receivedAt);
  if (missing.length === 0) throw conflict(`Every container of ${shipment.reference} has been received.`);
  if (missing.length === shipment.containers.length) throw conflict(`Nothing of ${shipment.reference} has arrived yet; close the receipt once something has.`);
  const moved = await tx.shipment.updateMany({ where: { id: shipment.id, receivedAt: null }, data: { receivedAt: now } });
  if (moved.count === 0) throw conflict(`${shipment.reference}'s receipt is already closed.`);
  const [change] = await refreshShipmentStates(tx, [shipment.id]);
  await tx.custodyEvent.createMany({ data: missing.map((c) => ({ kind: "FLAGGED" as const, at: now, containerId: c.id, shipmentId, ...custodyActor(ctx.actor), note: `${c.label} did not arrive` })) });
  await tellApplicant(tx, shipmentId, `flagged: ${missing.length} container${missing.length === 1 ? "" : "s"} missing`, [`${missing.map((c) => `${c.label} (${c.code})`).join(", ")} did not arrive with the shipment.`, "Please check with the courier and tell the facility."], "missing");
  await recordAudit(tx, ctx, { action: "shipment.flagged", entityType: "Shipment", entityId: shipment.id, after: { reference: shipment.reference, status: change?.to, missing: missing.map((c) => c.code) } });
  return { missing: missing.map((c) => c.code), status: change?.to ?? shipment.status };
}
