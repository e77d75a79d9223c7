import type { z } from "zod";
import type { RequestContext, SignedInActor } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { enqueueEmail } from "../mail/enqueue";
import { formatFacilityDate } from "../time";
import { appUrl, invitationValidDays, newInvitationToken } from "./invitation-token";
import { canGrantRole, canManageOrganisation, canSeeOrganisation } from "./policy";
import { roleLabels, rolesForKind } from "./roles";
import type { inviteMemberSchema } from "./schemas";
import { clock } from "../clock";

/** Emails an expiring, single-use invitation to join the organisation in a role. */
export async function inviteMember(tx: Tx, ctx: RequestContext & { actor: SignedInActor }, input: z.output<typeof inviteMemberSchema>, now = clock.now()) {
  if (!canSeeOrganisation(ctx.actor, input.organisationId)) throw notFound("The organisation");
  if (!canManageOrganisation(ctx.actor, input.organisationId)) throw forbidden("Only the organisation's managers can invite people.");
  const organisation = await tx.organisation.findUnique({ where: { id: input.organisationId } });
  if (!organisation) throw notFound("The organisation");
  if (!rolesForKind[organisation.kind].includes(input.role)) {
    throw invalid(`${roleLabels[input.role]} is not a role in a${organisation.kind === "ACADEMIC" ? "n" : ""} ${organisation.kind.toLowerCase()} organisation.`, "role");
  }
  if (!canGrantRole(ctx.actor, organisation.id, input.role)) throw forbidden(`You cannot grant the ${roleLabels[input.role].toLowerCase()} role; ask someone who holds it, or a platform admin.`);
  if (input.email === ctx.actor.email) throw invalid("You cannot invite yourself.", "email");
  const alreadyMember = await tx.membership.findFirst({ where: { organisationId: organisation.id, role: input.role, user: { email: input.email } } });
  if (alreadyMember) throw conflict(`${input.email} is already a ${roleLabels[input.role].toLowerCase()} of ${organisation.name}.`, "email");
  const pending = await tx.invitation.findFirst({ where: { organisationId: organisation.id, email: input.email, role: input.role, status: "PENDING", expiresAt: { gt: now } } });
  if (pending) throw conflict(`${input.email} already has a pending invitation for this role. Revoke it first to send a new one.`, "email");

  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(now.getTime() + invitationValidDays * 86_400_000);
  const invitation = await tx.invitation.create({
    data: { organisationId: organisation.id, email: input.email, role: input.role, tokenHash, expiresAt, invitedById: ctx.actor.userId },
  });
  await enqueueEmail(tx, {
    template: "invitation",
    to: input.email,
    dedupeKey: `invitation:${invitation.id}`,
    props: {
      organisationName: organisation.name,
      roleLabel: roleLabels[input.role],
      invitedByName: ctx.actor.name,
      acceptUrl: appUrl(`/invitations/${token}`),
      expiresOn: formatFacilityDate(expiresAt, "Europe/London"),
    },
  });
  await recordAudit(tx, ctx, {
    action: "invitation.sent",
    entityType: "Invitation",
    entityId: invitation.id,
    after: { organisationId: organisation.id, email: input.email, role: input.role, expiresAt: expiresAt.toISOString() },
  });
  return { id: invitation.id, expiresAt };
}
