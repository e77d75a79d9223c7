import type { z } from "zod";
import type { RequestContext, SignedInActor } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, forbidden, invalid, notFound } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { enqueueEmail } from "../mail/enqueue";
import { formatFacilityDate } from "../time";
import { appUrl, invitationValidDays, newInvitationToken } from "./invitation-token";
import { canGrantRole, canManageOrganisation, canSeeOrganisation } from "./policy";
import { roleLabels, rolesForKind, roleWithArticle } from "./roles";
import type { inviteMemberSchema } from "./schemas";
import { clock } from "../clock";
import { enforceThrottle, throttles } from "../auth/throttle";

/**
 * Emails an expiring, single-use invitation to join the organisation in a role.
 * An address has at most one pending invitation per organisation: inviting it
 * again renews that invitation (new link, new expiry, the role asked for now)
 * and emails it again. Only the token's hash is stored, so the earlier link
 * cannot be re-sent; it stops working.
 */
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
  if (alreadyMember) throw conflict(`${input.email} is already ${roleWithArticle(input.role)} of ${organisation.name}.`, "email");
  // Every invitation emails someone: limited per invited address and per sender's IP (a refused invite rolls back and is not counted).
  await enforceThrottle(tx, throttles.invitation, { address: input.email, ip: ctx.ip }, now);

  // Invites to one address in one organisation take turns, so two concurrent clicks renew one invitation
  // instead of racing to insert two (the partial unique index would refuse the second).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`invitation:${organisation.id}:${input.email}`}))`;
  const pending = await findPendingInvitation(tx, organisation.id, input.email);
  if (pending && pending.role !== input.role && !canGrantRole(ctx.actor, organisation.id, pending.role)) {
    throw forbidden(`${input.email} has a pending invitation as ${roleWithArticle(pending.role)}, which you cannot change; ask someone who holds that role, or a platform admin.`);
  }

  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(now.getTime() + invitationValidDays * 86_400_000);
  const invitationData = { email: input.email, role: input.role, tokenHash, expiresAt, invitedById: ctx.actor.userId };
  let invitationId: string;
  if (pending) {
    // Conditional: an accept or revoke that committed a moment ago wins, and nothing is re-sent.
    const renewed = await tx.invitation.updateMany({ where: { id: pending.id, status: "PENDING" }, data: invitationData });
    if (renewed.count === 0) throw conflict(`The invitation to ${input.email} was accepted or withdrawn a moment ago. Reload the page to see where it stands.`, "email");
    invitationId = pending.id;
  } else {
    invitationId = (await tx.invitation.create({ data: { organisationId: organisation.id, ...invitationData } })).id;
  }

  await enqueueEmail(tx, {
    template: "invitation",
    to: input.email,
    // Each sending is its own message: the same key would be taken for a repeat and the new link never sent.
    dedupeKey: pending ? `invitation:${invitationId}:renewed:${tokenHash.slice(0, 16)}` : `invitation:${invitationId}`,
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
    entityId: invitationId,
    before: pending ? { role: pending.role, expiresAt: pending.expiresAt.toISOString() } : null,
    after: { organisationId: organisation.id, email: input.email, role: input.role, expiresAt: expiresAt.toISOString(), resent: pending !== null },
  });
  const previousRole: Role | null = pending && pending.role !== input.role ? pending.role : null;
  return { id: invitationId, email: input.email, role: input.role, expiresAt, resent: pending !== null, previousRole };
}

/** The pending invitation for this address, compared as the unique index does (lower(email)), so older mixed-case rows are found too. */
async function findPendingInvitation(tx: Tx, organisationId: string, email: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Invitation" WHERE "organisationId" = ${organisationId} AND lower(email) = lower(${email}) AND status = 'PENDING'`;
  return row ? tx.invitation.findUniqueOrThrow({ where: { id: row.id } }) : null;
}
