import { rolesAccess, signedInAccess } from "../access/rules";

const staff = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

/** Who may call each scheduling procedure; the facility of the record is checked in each operation. */
export const schedulingAccess = {
  calendar: rolesAccess(...staff),
  schedulable: rolesAccess(...staff),
  place: rolesAccess(...staff),
  move: rolesAccess(...staff),
  cancel: rolesAccess(...staff),
  confirm: rolesAccess(...staff),
  downtime: rolesAccess(...staff),
  nonUserTime: rolesAccess(...staff),
  myBookings: signedInAccess,
  myBlockSessions: signedInAccess,
  feed: signedInAccess,
  rotateFeed: signedInAccess,
} as const;
