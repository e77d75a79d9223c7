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
  // Templates are shared by every facility on the platform: their admins keep them.
  saveTemplateVersion: rolesAccess("FACILITY_ADMIN", "PLATFORM_ADMIN"),
} as const;
