import type { RequestContext } from "../access/actor";
import type { Tx } from "../db";
import { loadVisibleRequest } from "./load-request";
import { emailApplicant, requestUrl } from "./notify";
import { nextStepFor, stateLabels } from "./state-machine";
import { fireTransition } from "./transition";

export async function startFeasibility(tx: Tx, ctx: RequestContext, requestId: string) {
  const loaded = await loadVisibleRequest(tx, ctx.actor, requestId);
  const to = await fireTransition(tx, ctx, loaded, "startFeasibility");
  const { request } = loaded;
  await emailApplicant(tx, request, "request-update", { reference: request.reference!, title: request.title, status: stateLabels[to], nextStep: nextStepFor(to, loaded.family), url: requestUrl(request.id) }, `feasibility-v${request.version}`);
  return { state: to };
}
