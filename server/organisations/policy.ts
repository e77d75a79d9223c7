import { hasRoleIn, isPlatformAdmin, type Actor } from "../access/actor";
import { rolesAccess, signedInAccess } from "../access/rules";
import type { Role } from "../generated/prisma/enums";
import { grantableBy, managingRoles } from "./roles";

/** Who may call each organisation procedure at all. */
export const organisationAccess = {
  listMine: signedInAccess,
  get: signedInAccess,
  create: signedInAccess,
  declareSme: signedInAccess,
  invite: rolesAccess(...managingRoles),
  revokeInvitation: rolesAccess(...managingRoles),
  // Anyone may leave an organisation they belong to; the operation checks they do.
  leave: signedInAccess,
  removeMember: rolesAccess(...managingRoles),
  acceptInvitation: signedInAccess,
  listAll: rolesAccess("PLATFORM_ADMIN"),
} as const;

/** Members see their organisation; platform admins see all. Others get "not found". */
export function canSeeOrganisation(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || (actor.kind === "user" && actor.memberships.some((m) => m.organisationId === organisationId));
}

export function canManageOrganisation(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || hasRoleIn(actor, organisationId, ...managingRoles);
}

/** Whether the actor may give (or take away) `role` in the organisation: only roles within their own authority. */
export function canGrantRole(actor: Actor, organisationId: string, role: Role): boolean {
  if (isPlatformAdmin(actor)) return true;
  if (actor.kind !== "user") return false;
  return actor.memberships.some((m) => m.organisationId === organisationId && (grantableBy[m.role] ?? []).includes(role));
}
