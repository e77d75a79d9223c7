import { rolesAccess, signedInAccess } from "../access/rules";

/** Who may call each samples procedure; the applicant organisation or the facility is checked in each operation. */
export const samplesAccess = {
  forRequest: signedInAccess,
  register: signedInAccess,
  createShipment: signedInAccess,
  dispatch: signedInAccess,
  decideSafety: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  receive: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  closeReceipt: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  release: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
  expected: rolesAccess("FACILITY_STAFF", "FACILITY_ADMIN"),
} as const;
