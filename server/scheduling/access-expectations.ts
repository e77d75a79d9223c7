import type { Role } from "../generated/prisma/enums";

const staff = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

/** Rows of the access matrix (server/access/access-matrix.test.ts) for scheduling.* procedures. */
export const schedulingAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {
  "scheduling.calendar": staff,
  "scheduling.schedulable": staff,
  "scheduling.place": staff,
  "scheduling.move": staff,
  "scheduling.cancel": staff,
  "scheduling.confirm": staff,
  "scheduling.recordDowntime": staff,
  "scheduling.addNonUserTime": staff,
  "scheduling.myBookings": "signedIn",
  "scheduling.myBlockSessions": "signedIn",
  "scheduling.feed": "signedIn",
  "scheduling.rotateFeed": "signedIn",
};
