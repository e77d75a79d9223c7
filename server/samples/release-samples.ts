import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { emailApplicant, requestUrl } from "../access-requests/notify";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { custodyActor, loadSampleRequest } from "./load";
import { refreshShipmentStates, shipmentsOfSamples } from "./refresh-shipment-state";
import type { releaseSamplesSchema } from "./schemas";
import { clock } from "../clock";

/**
 * After the experiment, staff return stored samples to the applicant or
 * dispose of them, as each sample's registration asked; the applicant is
 * emailed when a return is dispatched. Conditional updates make a repeated
 * click change nothing.
 */
export async function releaseSamples(tx: Tx, ctx: RequestContext, input: z.output<typeof releaseSamplesSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { request, isFacilityStaff } = await loadSampleRequest(tx, ctx.actor, input.requestId);
  if (!isFacilityStaff) throw forbidden(`Only ${request.facility.name}'s staff return or dispose of samples.`);
  const samples = await tx.sample.findMany({ where: { id: { in: input.sampleIds }, requestId: request.id } });
  if (samples.length !== input.sampleIds.length) throw invalid("Choose samples of this request.", "sampleIds");
  const wish = input.action === "RETURN" ? "RETURN" : "DISPOSE";
  const against = samples.find((s) => s.afterwards !== wish);
  if (against) throw conflict(`${against.code} was registered to be ${against.afterwards === "RETURN" ? "returned" : against.afterwards === "DISPOSE" ? "disposed of" : "kept for a follow-up"}; agree a change with the applicant first.`, "sampleIds");
  const status = input.action === "RETURN" ? "RETURNED" : "DISPOSED";
  const moved = await tx.sample.updateMany({ where: { id: { in: input.sampleIds }, status: "STORED" }, data: { status, storageLocation: null } });
  if (moved.count !== samples.length) throw conflict("Only samples stored at the facility can be returned or disposed of; one of them is not (or was just released).", "sampleIds");
  const where = input.action === "RETURN" ? `${input.courier} ${input.trackingNumber}` : "Disposed of by the facility";
  await tx.custodyEvent.createMany({ data: samples.map((s) => ({ kind: input.action === "RETURN" ? ("RETURN_DISPATCHED" as const) : ("DISPOSED" as const), at: now, sampleId: s.id, ...custodyActor(ctx.actor), location: where, note: input.note })) });
  if (input.action === "RETURN") {
    await emailApplicant(tx, request, "shipment-update", {
      shipment: `Return of ${samples.length} sample${samples.length === 1 ? "" : "s"}`,
      request: `${request.reference} “${request.title}”`,
      headline: "return dispatched",
      details: [`${samples.map((s) => `${s.code} (${s.name})`).join(", ")} ${samples.length === 1 ? "is" : "are"} on the way back with ${input.courier}, tracking number ${input.trackingNumber}.`, ...(input.note ? [input.note] : [])],
      url: `${requestUrl(request.id)}/samples`,
    }, `return:${samples.map((s) => s.id).sort().join(",")}`);
  }
  const shipments = await refreshShipmentStates(tx, await shipmentsOfSamples(tx, input.sampleIds));
  await recordAudit(tx, ctx, { action: "shipment.return_dispatched", entityType: "AccessRequest", entityId: request.id, after: { action: input.action, samples: samples.map((s) => s.code), courier: input.courier, trackingNumber: input.trackingNumber, shipments: shipments.map((c) => ({ reference: c.reference, status: c.to })) } });
  return { status, samples: samples.map((s) => s.code) };
}
