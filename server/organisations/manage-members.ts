import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { clock } from "../clock";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { endMembership, lockOrganisationMemberships } from "./membership-history";
import { canGrantRole, canManageOrganisation, canSeeOrganisation } from "./policy";
import { roleWithArticle } from "./roles";

/**
 * A manager ends someone else's membership. Nobody joins without accepting an
 * invitation (inviteMember), so there is no "add" here.
 */
export async function removeMember(tx: Tx, ctx: RequestContext, membershipId: string, now = clock.now()) {
  const membership = await tx.membership.findUnique({ where: { id: membershipId }, include: { user: true } });
  if (!membership || !canSeeOrganisation(ctx.actor, membership.organisationId)) throw notFound("The membership");
  if (!canManageOrganisation(ctx.actor, membership.organisationId)) throw forbidden("Only the organisation's managers can remove people.");
  if (ctx.actor.kind === "user" && membership.userId === ctx.actor.userId) throw invalid("You cannot remove yourself; ask another manager.");
  if (!canGrantRole(ctx.actor, membership.organisationId, membership.role)) throw forbidden(`You cannot remove ${roleWithArticle(membership.role)}; ask someone who holds that role, or a platform admin.`);
  await lockOrganisationMemberships(tx, membership.organisationId);
  await endMembership(tx, membership, { endedById: isSignedIn(ctx.actor) ? ctx.actor.userId : null, left: false }, now);
  await recordAudit(tx, ctx, {
    action: "membership.removed",
    entityType: "Organisation",
    entityId: membership.organisationId,
    before: { userId: membership.userId, email: membership.user.email, role: membership.role },
  });
}

export async function revokeInvitation(tx: Tx, ctx: RequestContext, invitationId: string) {
  const invitation = await tx.invitation.findUnique({ where: { id: invitationId } });
  if (!invitation || !canSeeOrganisation(ctx.actor, invitation.organisationId)) throw notFound("The invitation");
  if (!canManageOrganisation(ctx.actor, invitation.organisationId)) throw forbidden("Only the organisation's managers can revoke invitations.");
  const revoked = await tx.invitation.updateMany({ where: { id: invitationId, status: "PENDING" }, data: { status: "REVOKED" } });
  if (revoked.count === 0) throw conflict("This invitation is no longer pending.");
  await recordAudit(tx, ctx, { action: "invitation.revoked", entityType: "Invitation", entityId: invitationId, before: { status: "PENDING" }, after: { status: "REVOKED" } });
}
