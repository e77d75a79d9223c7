import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import type { Tx } from "../db";
import { conflict, invalid } from "../errors";
import { loadVisibleRequest } from "./load-request";
import { emailApplicant, requestUrl } from "./notify";
import { remainingShifts } from "./panel-ranking";
import { patternOf } from "../scheduling/facility-staff";
import type { decisionSchema } from "./schemas";
import { makeQuote } from "../billing/make-quote";
import { fireTransition, permittedTransition } from "./transition";
import { clock } from "../clock";

/**
 * The panel chair allocates shifts to an open-route request (or declines it).
 * Allocations in one cycle are serialised by locking the cycle row, so two
 * chairs' clicks can never together exceed the endstation's time.
 */
export async function allocateRequest(tx: Tx, ctx: RequestContext, input: z.output<typeof decisionSchema>, now = clock.now()) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in to allocate.");
  const loaded = await loadVisibleRequest(tx, ctx.actor, input.requestId);
  const { request } = loaded;
  const endstation = request.endstations[0]?.endstation;
  // Only the chair learns what is left: the step is checked before the capacity.
  permittedTransition(loaded, input.approve ? "allocate" : "decline");
  if (input.approve) {
    if (input.shifts === null) throw invalid("Say how many shifts to allocate.", "shifts");
    if (!request.call || !endstation) throw conflict("This request has no cycle or endstation to allocate in.");
    await tx.$queryRaw`SELECT id FROM "Cycle" WHERE id = ${request.call.cycleId} FOR UPDATE`;
    const station = await tx.endstation.findUniqueOrThrow({ where: { id: endstation.id }, include: { facility: { select: { timeZone: true } } } });
    const allocated = await tx.accessRequest.aggregate({
      _sum: { allocatedShifts: true },
      where: { state: "APPROVED", call: { cycleId: request.call.cycleId }, endstations: { some: { endstationId: endstation.id } } },
    });
    const left = remainingShifts(request.call.cycle, patternOf(station), allocated._sum.allocatedShifts ?? 0);
    if (input.shifts > left) throw invalid(`${station.name} has ${left} shift${left === 1 ? "" : "s"} left in ${request.call.cycle.name}; allocate at most that.`, "shifts");
  }
  const shifts = input.approve ? input.shifts : null;
  await fireTransition(tx, ctx, loaded, input.approve ? "allocate" : "decline", { allocatedShifts: shifts, decidedAt: now, decisionNote: input.note }, { shifts });
  // The price and the SME subsidy's reservation are settled with the decision (no quote yet if the endstation has no rates).
  if (input.approve) await makeQuote(tx, { ...ctx, actor: ctx.actor }, request.id, { whenNoRates: "skip" }, now);
  await tx.review.create({ data: { requestId: request.id, kind: "DECISION", reviewerId: ctx.actor.userId, version: request.version, outcome: input.approve ? "ALLOCATED" : "DECLINED", comments: input.note, shifts } });
  await emailApplicant(tx, request, "request-decided", { reference: request.reference!, title: request.title, approved: input.approve, shifts, shiftHours: endstation?.shiftHours ?? 8, note: input.note, url: requestUrl(request.id) }, "decided");
  return { state: input.approve ? "APPROVED" : "REJECTED" };
}
