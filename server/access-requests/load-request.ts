import { isSignedIn, type Actor } from "../access/actor";
import type { Db, Tx } from "../db";
import { notFound } from "../errors";
import { membershipSpansOf } from "../organisations/membership-history";
import { canSeeRequest, partiesFor, type PanelSeat, type RequestFacts } from "./policy";
import { routeFamily } from "./state-machine";

export async function panelSeatsOf(db: Db | Tx, actor: Actor): Promise<PanelSeat[]> {
  if (!isSignedIn(actor)) return [];
  const seats = await db.panelMember.findMany({ where: { userId: actor.userId }, select: { facilityId: true, cycleId: true, isChair: true } });
  if (seats.length === 0) return [];
  const memberships = await membershipSpansOf(db, actor.userId);
  return seats.map((seat) => ({ ...seat, memberships }));
}

/** The facts the policy decides on, from a request loaded with its route, facility and call. */
export function requestFactsOf(request: {
  organisationId: string;
  facilityId: string;
  state: string;
  facility: { organisationId: string };
  route: { confidential: boolean };
  call: { cycleId: string; closesAt: Date } | null;
}): RequestFacts {
  return {
    organisationId: request.organisationId,
    facilityId: request.facilityId,
    facilityOrganisationId: request.facility.organisationId,
    confidential: request.route.confidential,
    state: request.state,
    cycleId: request.call?.cycleId ?? null,
    callClosesAt: request.call?.closesAt ?? null,
  };
}

const requestInclude = {
  route: true,
  facility: { select: { id: true, name: true, code: true, timeZone: true, organisationId: true } },
  call: { include: { cycle: true } },
  organisation: { select: { id: true, name: true, kind: true } },
  endstations: { include: { endstation: { select: { id: true, code: true, name: true, shiftHours: true, technique: true } } } },
} as const;

/**
 * Loads a request the actor may see, with the parties they act as. A request
 * they may not see answers "not found", exactly like one that does not exist.
 */
export async function loadVisibleRequest(db: Db | Tx, actor: Actor, requestId: string) {
  const request = await db.accessRequest.findUnique({ where: { id: requestId }, include: requestInclude });
  if (!request) throw notFound("The request");
  const facts = requestFactsOf(request);
  const seats = await panelSeatsOf(db, actor);
  if (!canSeeRequest(actor, facts, seats)) throw notFound("The request");
  return { request, facts, seats, parties: partiesFor(actor, facts, seats), family: routeFamily(request.route.kind) };
}
export type VisibleRequest = Awaited<ReturnType<typeof loadVisibleRequest>>;
