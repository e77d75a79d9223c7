import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden } from "../errors";
import type { SessionState } from "../generated/prisma/enums";
import { sessionStateLabels } from "./labels";
import { formatRange, loadVisibleSession } from "./load";
import { isLeadOf } from "./policy";
import type { decideSessionSchema } from "./schemas";
import { clock } from "../clock";

/**
 * Where a consortium wants it, the lead approves or declines members'
 * sessions. A conditional update from PENDING_APPROVAL: of two clicks (or a
 * click and the member cancelling) exactly one takes effect.
 */
export async function decideSession(tx: Tx, ctx: RequestContext, input: z.output<typeof decideSessionSchema>) {
  const { session, block, placement } = await loadVisibleSession(tx, ctx.actor, input.sessionId);
  if (!isLeadOf(ctx.actor, block.consortium)) throw forbidden(`Only the lead of ${block.consortium.acronym} (${block.consortium.leadOrganisation.name}) approves its members' sessions.`);
  const to: SessionState = input.decision === "APPROVE" ? "BOOKED" : "DECLINED";
  const moved = await tx.blockSession.updateMany({ where: { id: session.id, state: "PENDING_APPROVAL" }, data: { state: to } });
  const range = formatRange(session.startsAt, session.endsAt, block.endstation.facility.timeZone);
  if (moved.count === 0) {
    const now = await tx.blockSession.findUniqueOrThrow({ where: { id: session.id }, select: { state: true } });
    throw conflict(`${session.organisation.name}'s session ${range} is not waiting for approval: it is “${sessionStateLabels[now.state]}”. Reload to see the latest.`);
  }
  await recordAudit(tx, ctx, {
    action: input.decision === "APPROVE" ? "block.session_approved" : "block.session_declined",
    entityType: "BlockSession",
    entityId: session.id,
    before: { state: "PENDING_APPROVAL" },
    after: { state: to, placement: placement.reference, organisation: session.organisation.name },
  });
  return { state: to };
}

/**
 * The member (people of the session's organisation) or the consortium lead
 * cancels a session that has not started; its shifts go back to the member's
 * share.
 */
export async function cancelSession(tx: Tx, ctx: RequestContext, sessionId: string, now = clock.now()) {
  const { session, block, placement } = await loadVisibleSession(tx, ctx.actor, sessionId);
  const ownOrganisation = ctx.actor.kind === "user" && ctx.actor.memberships.some((m) => m.organisationId === session.organisationId && (m.role === "CONSORTIUM_MEMBER" || m.role === "CONSORTIUM_LEAD"));
  if (!ownOrganisation && !isLeadOf(ctx.actor, block.consortium)) throw forbidden(`Only ${session.organisation.name} or the lead of ${block.consortium.acronym} can cancel this session.`);
  const range = formatRange(session.startsAt, session.endsAt, block.endstation.facility.timeZone);
  if (session.startsAt <= now && (session.state === "BOOKED" || session.state === "PENDING_APPROVAL")) throw conflict(`The session ${range} has already started; it counts as used.`);
  const moved = await tx.blockSession.updateMany({ where: { id: session.id, state: { in: ["PENDING_APPROVAL", "BOOKED"] } }, data: { state: "CANCELLED" } });
  if (moved.count === 0) {
    const current = await tx.blockSession.findUniqueOrThrow({ where: { id: session.id }, select: { state: true } });
    throw conflict(`The session ${range} is already “${sessionStateLabels[current.state]}”.`);
  }
  await recordAudit(tx, ctx, {
    action: "block.session_cancelled",
    entityType: "BlockSession",
    entityId: session.id,
    before: { state: session.state },
    after: { state: "CANCELLED", placement: placement.reference, organisation: session.organisation.name },
  });
  return { state: "CANCELLED" as const };
}
