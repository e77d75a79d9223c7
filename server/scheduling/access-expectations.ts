import type { Role } from "../generated/prisma/enums";

/** Rows of the access matrix (server/access/access-matrix.test.ts) for scheduling.* procedures. */
export const schedulingAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {};
