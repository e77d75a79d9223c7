import { isPlatformAdmin, organisationIdsOf, type Actor } from "../access/actor";
import { rolesAccess, signedInAccess } from "../access/rules";

/** Who may call each agreement procedure; the parties are checked in each operation. */
export const agreementAccess = {
  get: signedInAccess,
  send: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  // The lead or the block's facility staff: checked against the block in the operation.
  sendForBlock: rolesAccess("CONSORTIUM_LEAD", "FACILITY_STAFF", "FACILITY_ADMIN"),
  // Any organisation's authorised signatory signs: the membership flag is checked in the operation.
  sign: signedInAccess,
  decline: signedInAccess,
  // Any person of a party may nudge the others.
  remind: signedInAccess,
  templates: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN", "PLATFORM_ADMIN"),
  // Which scope each may write is checked in the operation (mayEditTemplates).
  saveTemplateVersion: rolesAccess("FACILITY_ADMIN", "PLATFORM_ADMIN"),
} as const;

/**
 * A facility's templates are written by its own facility admins; the
 * platform-wide ones (used where a facility has none of its own) only by
 * platform admins.
 */
export function mayEditTemplates(actor: Actor, facility: { organisationId: string } | null): boolean {
  return facility ? organisationIdsOf(actor, "FACILITY_ADMIN").includes(facility.organisationId) : isPlatformAdmin(actor);
}
