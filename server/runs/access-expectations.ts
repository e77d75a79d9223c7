import type { Role } from "../generated/prisma/enums";

const staff = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

/** Rows of the access matrix (server/access/access-matrix.test.ts) for runs.* procedures. */
export const runsAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {
  "runs.get": "signedIn",
  "runs.list": "signedIn",
  "runs.runnable": staff,
  "runs.open": staff,
  "runs.close": staff,
  "runs.addOperator": staff,
  "runs.mount": staff,
  "runs.unmount": staff,
  "runs.addEntry": "signedIn",
  "runs.recordDowntime": staff,
  "runs.addScan": staff,
  "runs.readNexus": staff,
  "runs.suggestSeriesMapping": staff,
  "runs.citeFeeder": "signedIn",
};
