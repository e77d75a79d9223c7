import type { Role } from "../generated/prisma/enums";

/** Rows of the access matrix (server/access/access-matrix.test.ts) for agreements.* procedures. */
export const agreementsAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {
  "agreements.get": "signedIn",
  "agreements.send": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "agreements.sign": "signedIn",
  "agreements.decline": "signedIn",
};
