import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import type { Tx } from "../db";
import { invalid } from "../errors";
import { loadVisibleRequest } from "./load-request";
import { emailApplicant, requestUrl } from "./notify";
import type { safetyReviewSchema } from "./schemas";
import { nextStepFor, stateLabels } from "./state-machine";
import { fireTransition } from "./transition";
import { clock } from "../clock";

/** Hazards, risk level and conditions; cleared requests go on to the decision or the panel. */
export async function recordSafety(tx: Tx, ctx: RequestContext, input: z.output<typeof safetyReviewSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in to review.");
  if (input.hazards.includes("NONE") && input.hazards.length > 1) throw invalid("“No hazard identified” cannot be ticked together with a hazard.", "hazards");
  if (input.riskLevel !== "LOW" && input.cleared && input.conditions.length < 10) {
    throw invalid("Elevated or high risk needs the conditions under which the samples may be handled.", "conditions");
  }
  const loaded = await loadVisibleRequest(tx, ctx.actor, input.requestId);
  const { request } = loaded;
  const note = input.comments || input.conditions;
  const to = await fireTransition(tx, ctx, loaded, input.cleared ? "clearSafety" : "failSafety", input.cleared ? {} : { decidedAt: now, decisionNote: note || "The samples cannot be handled safely at this facility." }, { riskLevel: input.riskLevel, hazards: input.hazards });
  await tx.review.create({
    data: { requestId: request.id, kind: "SAFETY", reviewerId: ctx.actor.userId, version: request.version, outcome: input.cleared ? "CLEARED" : "NOT_CLEARED", comments: input.comments, hazards: input.hazards, riskLevel: input.riskLevel, conditions: input.conditions || null },
  });
  const base = { reference: request.reference!, title: request.title, url: requestUrl(request.id) };
  if (input.cleared) await emailApplicant(tx, request, "request-update", { ...base, status: stateLabels[to], nextStep: nextStepFor(to, loaded.family), comments: input.conditions || undefined }, `after-safety-v${request.version}`);
  else await emailApplicant(tx, request, "request-decided", { ...base, approved: false, shifts: null, shiftHours: 8, note: note || "The samples cannot be handled safely at this facility." }, "decided");
  return { state: to };
}
