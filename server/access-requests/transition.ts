import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Prisma, Tx } from "../db";
import { conflict, forbidden } from "../errors";
import type { VisibleRequest } from "./load-request";
import { findTransition, stateLabels, type RequestEvent } from "./state-machine";

/**
 * The transition `event` makes from the request's state, if the actor is the
 * party who makes it; otherwise the refusal. Operations that check anything
 * else first (capacity, prices) call this before, so nothing is revealed to
 * someone who may not take the step.
 */
export function permittedTransition(loaded: VisibleRequest, event: RequestEvent) {
  const { request, parties, family } = loaded;
  const transition = findTransition(request.state, event, family);
  if (!transition) throw conflict(`${request.reference ?? "This draft"} is at “${stateLabels[request.state]}”, where that step is not possible.`);
  if (!parties.includes(transition.by)) throw forbidden(`Only the ${partyLabels[transition.by]} can do this.`);
  return transition;
}

/**
 * Fires one event of the state machine: checks the actor is the party the
 * table names, then moves the state with a conditional update (so of two
 * concurrent clicks exactly one wins) and writes the audit row.
 */
export async function fireTransition(
  tx: Tx,
  ctx: RequestContext,
  loaded: VisibleRequest,
  event: RequestEvent,
  data: Prisma.AccessRequestUpdateManyMutationInput = {},
  auditDetail: Record<string, unknown> = {},
) {
  const { request } = loaded;
  const transition = permittedTransition(loaded, event);
  const label = request.reference ?? "This draft";
  const moved = await tx.accessRequest.updateMany({ where: { id: request.id, state: request.state }, data: { ...data, state: transition.to } });
  if (moved.count === 0) {
    const now = await tx.accessRequest.findUnique({ where: { id: request.id }, select: { state: true } });
    throw conflict(`${label} changed while you were looking at it: it is now at “${stateLabels[now?.state ?? request.state]}”. Reload to see the latest.`);
  }
  await recordAudit(tx, ctx, {
    action: `access_request.${event}`,
    entityType: "AccessRequest",
    entityId: request.id,
    before: { state: request.state },
    after: { state: transition.to, ...auditDetail },
  });
  return transition.to;
}

const partyLabels = {
  applicantTeam: "applicant's team",
  facilityStaff: "facility's staff",
  industrialOffice: "facility's industrial office (facility admins)",
  panelChair: "panel chair",
} as const;
