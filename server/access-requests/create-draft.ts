import type { z } from "zod";
import { organisationIdsOf, type RequestContext, type SignedInActor } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { forbidden, invalid, notFound } from "../errors";
import { formatFacilityDate } from "../time";
import type { createDraftSchema } from "./schemas";
import { clock } from "../clock";

/** The call a route takes requests through right now, or a clear reason why none is open. */
export async function openCallFor(tx: Tx, route: { id: string; needsCall: boolean; name: string }, timeZone: string, now: Date) {
  if (!route.needsCall) return null;
  const open = await tx.call.findFirst({ where: { routeId: route.id, opensAt: { lte: now }, closesAt: { gt: now } } });
  if (open) return open;
  const next = await tx.call.findFirst({ where: { routeId: route.id, opensAt: { gt: now } }, orderBy: { opensAt: "asc" } });
  throw invalid(
    next ? `No call is open for ${route.name}; the next opens on ${formatFacilityDate(next.opensAt, timeZone)}.` : `No call is open for ${route.name}, and none is announced yet.`,
    "routeId",
  );
}

/** Checks the SME route's condition; returns nothing when the route is not the SME route. */
export async function assertEligibleForRoute(tx: Tx, route: { kind: string }, organisationId: string) {
  if (route.kind !== "SME_INDUSTRIAL") return;
  const declaration = await tx.smeDeclaration.findUnique({ where: { organisationId } });
  if (!declaration) throw invalid("The SME route needs your organisation's SME declaration. Add it on your organisation's page, or choose the proprietary industrial route.", "routeId");
  if (!declaration.qualifies) {
    throw invalid("Your organisation's SME declaration does not meet the EU SME definition, so it cannot use the SME route. Choose the proprietary industrial route.", "routeId");
  }
}

export async function createDraft(tx: Tx, ctx: RequestContext & { actor: SignedInActor }, input: z.output<typeof createDraftSchema>, now = clock.now()) {
  if (!organisationIdsOf(ctx.actor, "APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER").includes(input.organisationId)) {
    throw forbidden("You can only apply for an organisation you belong to as an applicant.");
  }
  const route = await tx.accessRoute.findFirst({ where: { id: input.routeId, facilityId: input.facilityId, active: true }, include: { facility: true } });
  if (!route) throw notFound("That access route");
  if (route.kind === "CONSORTIUM_BLOCK") throw invalid("Consortium block time is booked inside your consortium's share, not through a request.", "routeId");
  await assertEligibleForRoute(tx, route, input.organisationId);
  const call = await openCallFor(tx, route, route.facility.timeZone, now);

  const request = await tx.accessRequest.create({
    data: {
      facilityId: route.facilityId,
      routeId: route.id,
      callId: call?.id ?? null,
      organisationId: input.organisationId,
      createdById: ctx.actor.userId,
      content: { team: [{ name: ctx.actor.name, email: ctx.actor.email, role: "PRINCIPAL_INVESTIGATOR" }] },
    },
  });
  await recordAudit(tx, ctx, {
    action: "access_request.created",
    entityType: "AccessRequest",
    entityId: request.id,
    after: { state: "DRAFT", route: route.kind, facilityId: route.facilityId, organisationId: input.organisationId },
  });
  return { id: request.id };
}
