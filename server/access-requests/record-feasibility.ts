import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import type { Tx } from "../db";
import { invalid } from "../errors";
import { loadVisibleRequest } from "./load-request";
import { emailApplicant, requestUrl } from "./notify";
import type { feasibilityReviewSchema } from "./schemas";
import { nextStepFor, stateLabels } from "./state-machine";
import { fireTransition } from "./transition";
import { clock } from "../clock";

const eventFor = { FEASIBLE: "confirmFeasible", CHANGES_NEEDED: "requestChanges", NOT_FEASIBLE: "rejectInfeasible" } as const;

/** The endstation staff's verdict: feasible (to safety review), changes needed (back to the applicant), or not feasible. */
export async function recordFeasibility(tx: Tx, ctx: RequestContext, input: z.output<typeof feasibilityReviewSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in to review.");
  const loaded = await loadVisibleRequest(tx, ctx.actor, input.requestId);
  const { request } = loaded;
  if (input.outcome === "FEASIBLE" && input.shifts === null) throw invalid("Say how many shifts the experiment needs.", "shifts");
  const rejected = input.outcome === "NOT_FEASIBLE";
  const to = await fireTransition(tx, ctx, loaded, eventFor[input.outcome], rejected ? { decidedAt: now, decisionNote: input.comments } : {}, { outcome: input.outcome });
  await tx.review.create({
    data: { requestId: request.id, kind: "FEASIBILITY", reviewerId: ctx.actor.userId, version: request.version, outcome: input.outcome, comments: input.comments, shifts: input.shifts, sampleEnvironment: input.sampleEnvironment || null },
  });
  const base = { reference: request.reference!, title: request.title, url: requestUrl(request.id) };
  if (input.outcome === "CHANGES_NEEDED") {
    await emailApplicant(tx, request, "request-changes-requested", { ...base, reviewerName: ctx.actor.name, comments: input.comments }, `changes-v${request.version}`);
  } else if (rejected) {
    await emailApplicant(tx, request, "request-decided", { ...base, approved: false, shifts: null, shiftHours: 8, note: input.comments }, "decided");
  } else {
    await emailApplicant(tx, request, "request-update", { ...base, status: stateLabels[to], nextStep: nextStepFor(to, loaded.family), comments: input.comments }, `safety-v${request.version}`);
  }
  return { state: to };
}
