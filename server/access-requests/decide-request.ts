import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import type { Tx } from "../db";
import { invalid } from "../errors";
import { loadVisibleRequest } from "./load-request";
import { emailApplicant, requestUrl } from "./notify";
import type { decisionSchema } from "./schemas";
import { makeQuote } from "../billing/make-quote";
import { fireTransition } from "./transition";
import { clock } from "../clock";

/** The industrial office approves with a number of shifts, or rejects, with a note for the applicant. */
export async function decideRequest(tx: Tx, ctx: RequestContext, input: z.output<typeof decisionSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in to decide.");
  if (input.approve && input.shifts === null) throw invalid("Say how many shifts are granted.", "shifts");
  const loaded = await loadVisibleRequest(tx, ctx.actor, input.requestId);
  const { request } = loaded;
  if (input.approve && request.route.maxShifts && input.shifts! > request.route.maxShifts) {
    throw invalid(`${request.route.name} grants at most ${request.route.maxShifts} shifts per request.`, "shifts");
  }
  const shifts = input.approve ? input.shifts : null;
  await fireTransition(tx, ctx, loaded, input.approve ? "approve" : "reject", { allocatedShifts: shifts, decidedAt: now, decisionNote: input.note }, { shifts });
  // The price and the SME subsidy's reservation are settled with the decision (no quote yet if the endstation has no rates).
  if (input.approve) await makeQuote(tx, { ...ctx, actor: ctx.actor }, request.id, { whenNoRates: "skip" }, now);
  await tx.review.create({ data: { requestId: request.id, kind: "DECISION", reviewerId: ctx.actor.userId, version: request.version, outcome: input.approve ? "APPROVED" : "REJECTED", comments: input.note, shifts } });
  const shiftHours = request.endstations[0]?.endstation.shiftHours ?? 8;
  await emailApplicant(tx, request, "request-decided", { reference: request.reference!, title: request.title, approved: input.approve, shifts, shiftHours, note: input.note, url: requestUrl(request.id) }, "decided");
  return { state: input.approve ? "APPROVED" : "REJECTED" };
}
