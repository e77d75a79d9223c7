import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { canGrantRole, canManageOrganisation, canSeeOrganisation } from "./policy";
import { roleLabels, rolesForKind, roleWithArticle } from "./roles";
import type { addMemberSchema } from "./schemas";

/** An organisation manager or platform admin adds someone who already has an account. */
export async function addMember(tx: Tx, ctx: RequestContext, input: z.output<typeof addMemberSchema>) {
  if (!canSeeOrganisation(ctx.actor, input.organisationId)) throw notFound("The organisation");
  if (!canManageOrganisation(ctx.actor, input.organisationId)) throw forbidden("Only the organisation's managers can add people.");
  const organisation = await tx.organisation.findUnique({ where: { id: input.organisationId } });
  if (!organisation) throw notFound("The organisation");
  if (!rolesForKind[organisation.kind].includes(input.role)) throw invalid(`${roleLabels[input.role]} is not a role in this kind of organisation.`, "role");
  if (!canGrantRole(ctx.actor, organisation.id, input.role)) throw forbidden(`You cannot grant the ${roleLabels[input.role].toLowerCase()} role; ask someone who holds it, or a platform admin.`);
  if (ctx.actor.kind === "user" && input.email === ctx.actor.email) throw invalid("You cannot change your own roles.", "email");
  const user = await tx.user.findUnique({ where: { email: input.email } });
  if (!user) throw invalid(`No Lodestone account uses ${input.email}. Send an invitation instead.`, "email");
  const created = await tx.membership.createMany({ data: [{ userId: user.id, organisationId: organisation.id, role: input.role }], skipDuplicates: true });
  if (created.count === 0) throw conflict(`${input.email} is already ${roleWithArticle(input.role)} of ${organisation.name}.`, "email");
  await recordAudit(tx, ctx, {
    action: "membership.added",
    entityType: "Organisation",
    entityId: organisation.id,
    after: { userId: user.id, email: user.email, role: input.role },
  });
}

export async function removeMember(tx: Tx, ctx: RequestContext, membershipId: string) {
  const membership = await tx.membership.findUnique({ where: { id: membershipId }, include: { user: true } });
  if (!membership || !canSeeOrganisation(ctx.actor, membership.organisationId)) throw notFound("The membership");
  if (!canManageOrganisation(ctx.actor, membership.organisationId)) throw forbidden("Only the organisation's managers can remove people.");
  if (ctx.actor.kind === "user" && membership.userId === ctx.actor.userId) throw invalid("You cannot remove yourself; ask another manager.");
  if (!canGrantRole(ctx.actor, membership.organisationId, membership.role)) throw forbidden(`You cannot remove ${roleWithArticle(membership.role)}; ask someone who holds that role, or a platform admin.`);
  await tx.membership.delete({ where: { id: membershipId } });
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
