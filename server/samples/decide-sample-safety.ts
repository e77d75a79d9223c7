import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { custodyActor, loadSampleRequest } from "./load";
import type { sampleSafetySchema } from "./schemas";

/** Facility staff approve a hazardous sample (with its risk level and conditions) or refuse it. */
export async function decideSampleSafety(tx: Tx, ctx: RequestContext, input: z.output<typeof sampleSafetySchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in first.");
  const sample = await tx.sample.findUnique({ where: { id: input.sampleId } });
  if (!sample) throw notFound("The sample");
  const { request, isFacilityStaff } = await loadSampleRequest(tx, ctx.actor, sample.requestId).catch(() => {
    throw notFound("The sample");
  });
  if (!isFacilityStaff) throw forbidden(`Only ${request.facility.name}'s staff review sample safety.`);
  const safety = input.approve ? "APPROVED" : "REJECTED";
  const decided = await tx.sample.updateMany({ where: { id: sample.id, safety: "PENDING" }, data: { safety, riskLevel: input.riskLevel, safetyConditions: input.conditions || null, safetyDecidedById: ctx.actor.userId } });
  if (decided.count === 0) throw conflict(sample.safety === "NOT_REQUIRED" ? `${sample.code} declares no hazards, so it needs no safety approval.` : `${sample.code} has already been ${sample.safety.toLowerCase()}.`);
  await tx.custodyEvent.create({ data: { kind: input.approve ? "SAFETY_APPROVED" : "SAFETY_REJECTED", sampleId: sample.id, ...custodyActor(ctx.actor), note: `${input.riskLevel.toLowerCase()} risk${input.conditions ? `: ${input.conditions}` : ""}` } });
  await recordAudit(tx, ctx, { action: "sample.safety_decided", entityType: "Sample", entityId: sample.id, before: { safety: "PENDING" }, after: { safety, riskLevel: input.riskLevel, conditions: input.conditions } });
  return { safety };
}
