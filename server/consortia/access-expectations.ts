import type { Role } from "../generated/prisma/enums";

const consortiumPeople = ["CONSORTIUM_LEAD", "CONSORTIUM_MEMBER"] as const;
const facilityStaff = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

/** Rows of the access matrix (server/access/access-matrix.test.ts) for consortia.* procedures. */
export const consortiaAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {
  "consortia.mine": consortiumPeople,
  "consortia.forFacility": facilityStaff,
  "consortia.grantBlock": ["FACILITY_ADMIN"],
  "consortia.placeBlock": facilityStaff,
  "consortia.setShares": ["CONSORTIUM_LEAD"],
  "consortia.bookSession": consortiumPeople,
  "consortia.decideSession": ["CONSORTIUM_LEAD"],
  "consortia.cancelSession": consortiumPeople,
};
