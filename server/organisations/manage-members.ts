import { isPlatformAdmin, isSignedIn, type RequestContext } from "../access/actor";
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
  if (membership.role === "APPLICANT" && !isPlatformAdmin(ctx.actor)) {
    // The applicants answer for the organisation's requests, agreements and invoices: it is never left without one by someone else's hand.
    const otherApplicants = await tx.membership.count({ where: { organisationId: membership.organisationId, role: "APPLICANT", id: { not: membership.id } } });
    if (otherApplicants === 0) {
      throw conflict(`${membership.user.name} is the organisation's last applicant, who answers for its requests, agreements and invoices. Invite another applicant first (once they have accepted you can remove ${membership.user.name}), or ask a platform admin.`);
    }
  }
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
