import type { Role } from "../generated/prisma/enums";

/** Rows of the access matrix (server/access/access-matrix.test.ts) for agreements.* procedures. */
export const agreementsAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {
  "agreements.get": "signedIn",
  "agreements.send": ["FACILITY_STAFF", "FACILITY_ADMIN"],
  "agreements.sendForBlock": ["CONSORTIUM_LEAD", "FACILITY_STAFF", "FACILITY_ADMIN"],
  "agreements.sign": "signedIn",
  "agreements.decline": "signedIn",
  "agreements.remind": "signedIn",
  "agreements.templates": ["FACILITY_STAFF", "FACILITY_ADMIN", "PLATFORM_ADMIN"],
  "agreements.saveTemplateVersion": ["FACILITY_ADMIN", "PLATFORM_ADMIN"],
};
