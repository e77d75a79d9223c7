import { rolesAccess, signedInAccess } from "../access/rules";

/** Who may call each agreement procedure; the parties are checked in each operation. */
export const agreementAccess = {
  get: signedInAccess,
  send: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  // Any organisation's authorised signatory signs: the membership flag is checked in the operation.
  sign: signedInAccess,
  decline: signedInAccess,
} as const;
