import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid } from "../errors";
import { custodyActor, loadSampleRequest, nextCode } from "./load";
import type { registerSampleSchema } from "./schemas";

const liveStates = ["SUBMITTED", "FEASIBILITY_REVIEW", "CHANGES_REQUESTED", "SAFETY_REVIEW", "AWAITING_DECISION", "PANEL_REVIEW", "APPROVED"];

/** The applicant registers a sample; any hazard sends it to the facility's safety review before it may ship. */
export async function registerSample(tx: Tx, ctx: RequestContext, input: z.output<typeof registerSampleSchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const { request, isApplicant } = await loadSampleRequest(tx, ctx.actor, input.requestId);
  if (!isApplicant) throw forbidden(`Only ${request.organisation.name}'s people register its samples.`);
  if (!liveStates.includes(request.state)) throw conflict(`${request.reference ?? "This request"} is ${request.state.toLowerCase().replaceAll("_", " ")}; samples are registered for submitted or approved requests.`);
  if (input.parentId) {
    const parent = await tx.sample.findUnique({ where: { id: input.parentId }, select: { requestId: true } });
    if (!parent || parent.requestId !== request.id) throw invalid("A sub-sample's parent must be a sample of the same request.", "parentId");
  }
  const sds = input.sds ? Buffer.from(input.sds.base64, "base64") : null;
  if (sds && (sds.byteLength > 5 * 1024 * 1024 || sds.subarray(0, 5).toString("latin1") !== "%PDF-")) throw invalid("The safety data sheet must be a PDF of at most 5 MB.", "sds");
  const sample = await tx.sample.create({
    data: {
      code: await nextCode(tx, request.facility, "S"),
      requestId: request.id,
      facilityId: request.facilityId,
      organisationId: request.organisationId,
      parentId: input.parentId,
      name: input.name,
      materialClass: input.materialClass,
      description: input.description,
      originSite: input.originSite,
      originLocation: input.originLocation,
      originDepthM: input.originDepthM,
      collectedOn: input.collectedOn ? new Date(`${input.collectedOn}T00:00:00Z`) : null,
      massGrams: input.massGrams,
      volumeMl: input.volumeMl,
      dimensions: input.dimensions,
      igsn: input.igsn?.toUpperCase() ?? null,
      hazards: input.hazards,
      activityBq: input.activityBq,
      storageConditions: input.storageConditions,
      afterwards: input.afterwards,
      sdsFileName: input.sds?.fileName ?? null,
      sdsFile: sds ? new Uint8Array(sds) : null,
      safety: input.hazards.length > 0 ? "PENDING" : "NOT_REQUIRED",
      createdById: ctx.actor.userId,
    },
  });
  await tx.custodyEvent.create({ data: { kind: "REGISTERED", sampleId: sample.id, ...custodyActor(ctx.actor), note: `Registered by ${request.organisation.name}${input.hazards.length ? `; hazards: ${input.hazards.join(", ").toLowerCase()}` : ""}` } });
  await recordAudit(tx, ctx, { action: "sample.registered", entityType: "Sample", entityId: sample.id, after: { code: sample.code, request: request.reference, hazards: input.hazards } });
  return { id: sample.id, code: sample.code, safety: sample.safety };
}
