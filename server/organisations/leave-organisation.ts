import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import { clock } from "../clock";
import type { Tx } from "../db";
import { conflict, notFound } from "../errors";
import { endMembership, lockOrganisationMemberships } from "./membership-history";
import { managingRoles, roleLabels, roleWithArticle } from "./roles";

/**
 * A person leaves an organisation on their own: every role they hold there
 * ends at once. The last person who could manage the organisation's people
 * cannot leave it unmanaged; they hand over first.
 */
export async function leaveOrganisation(tx: Tx, ctx: SignedInContext, organisationId: string, now = clock.now()) {
  const userId = ctx.actor.userId;
  await lockOrganisationMemberships(tx, organisationId);
  const mine = await tx.membership.findMany({ where: { userId, organisationId }, include: { organisation: { select: { name: true } } } });
  if (mine.length === 0) throw notFound("Your membership of this organisation");
  const name = mine[0]!.organisation.name;

  const myManagingRole = mine.find((m) => managingRoles.includes(m.role))?.role;
  if (myManagingRole) {
    const otherManagers = await tx.membership.count({ where: { organisationId, role: { in: managingRoles }, userId: { not: userId } } });
    if (otherManagers === 0) {
      throw conflict(
        `You are the last person who can manage ${name}'s members, so you cannot leave yet. Invite a colleague as ${roleWithArticle(myManagingRole)}; once they have accepted, you can leave.`,
      );
    }
  }
  for (const membership of mine) await endMembership(tx, membership, { endedById: userId, left: true }, now);
  await recordAudit(tx, ctx, {
    action: "membership.left",
    entityType: "Organisation",
    entityId: organisationId,
    before: { userId, email: ctx.actor.email, roles: mine.map((m) => m.role) },
  });
  return { organisationName: name, roles: mine.map((m) => roleLabels[m.role]) };
}
