import type { RequestContext, SignedInActor } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, DomainError, forbidden, invalid } from "../errors";
import type { Invitation } from "../generated/prisma/client";
import { formatFacilityDate } from "../time";
import { hashInvitationToken } from "./invitation-token";
import { clock } from "../clock";

/** Why an invitation cannot be used now, or null when it can. */
export function invitationProblem(invitation: Pick<Invitation, "status" | "expiresAt"> | null, now: Date): DomainError | null {
  if (!invitation) return invalid("This invitation link is not valid. Ask the person who invited you to send a new one.");
  if (invitation.status === "ACCEPTED") return conflict("This invitation has already been used. Sign in to reach your organisation.");
  if (invitation.status === "REVOKED") return conflict("This invitation was withdrawn. Ask the person who invited you to send a new one.");
  if (invitation.expiresAt <= now) {
    return conflict(`This invitation expired on ${formatFacilityDate(invitation.expiresAt, "Europe/London")}. Ask the person who invited you to send a new one.`);
  }
  return null;
}

/** Turns a pending invitation into a membership, once, for the invited address only. */
export async function acceptInvitation(tx: Tx, ctx: RequestContext & { actor: SignedInActor }, token: string, now = clock.now()) {
  const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, include: { organisation: true } });
  const problem = invitationProblem(invitation, now);
  if (problem) throw problem;
  if (invitation!.email !== ctx.actor.email) {
    throw forbidden(`This invitation was sent to ${invitation!.email}, but you are signed in as ${ctx.actor.email}. Sign in with the invited address.`);
  }
  // The conditional update is the real check: of two concurrent clicks, one wins.
  const claimed = await tx.invitation.updateMany({
    where: { id: invitation!.id, status: "PENDING", expiresAt: { gt: now } },
    data: { status: "ACCEPTED", acceptedAt: now },
  });
  if (claimed.count === 0) throw conflict("This invitation has already been used. Sign in to reach your organisation.");

  const membership = await tx.membership.upsert({
    where: { userId_organisationId_role: { userId: ctx.actor.userId, organisationId: invitation!.organisationId, role: invitation!.role } },
    // The membership starts when the person accepts: that is the date conflicts of interest are judged on.
    create: { userId: ctx.actor.userId, organisationId: invitation!.organisationId, role: invitation!.role, createdAt: now },
    update: {},
  });
  await recordAudit(tx, ctx, {
    action: "invitation.accepted",
    entityType: "Invitation",
    entityId: invitation!.id,
    before: { status: "PENDING" },
    after: { status: "ACCEPTED", membershipId: membership.id, role: invitation!.role },
  });
  return { organisationId: invitation!.organisationId, organisationName: invitation!.organisation.name, role: invitation!.role };
}
