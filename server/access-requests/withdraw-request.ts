import type { RequestContext } from "../access/actor";
import type { Tx } from "../db";
import { loadVisibleRequest } from "./load-request";
import { emailFacilityStaff, requestUrl } from "./notify";
import { fireTransition } from "./transition";
import { clock } from "../clock";

export async function withdrawRequest(tx: Tx, ctx: RequestContext, requestId: string, now = clock.now()) {
  const loaded = await loadVisibleRequest(tx, ctx.actor, requestId);
  const { request } = loaded;
  const to = await fireTransition(tx, ctx, loaded, "withdraw", { decidedAt: now });
  if (request.reference) {
    await emailFacilityStaff(tx, request, "request-update", { reference: request.reference, title: request.title, status: "Withdrawn", nextStep: "The applicant withdrew the request; nothing more is needed.", url: requestUrl(request.id) }, "withdrawn");
  }
  return { state: to };
}
