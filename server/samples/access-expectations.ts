import type { Role } from "../generated/prisma/enums";

/** Rows of the access matrix (server/access/access-matrix.test.ts) for samples.* procedures. */
export const samplesAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {
  "samples.forRequest": "signedIn",
  "samples.register": "signedIn",
  "samples.createShipment": "signedIn",
  "samples.dispatch": "signedIn",
  "samples.decideSafety": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "samples.receive": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "samples.closeReceipt": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "samples.release": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "samples.expected": ["FACILITY_STAFF", "FACILITY_ADMIN"],
};
