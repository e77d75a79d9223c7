import type { Role } from "../generated/prisma/enums";

/** Rows of the access matrix (server/access/access-matrix.test.ts) for consortia.* procedures. */
export const consortiaAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {};
