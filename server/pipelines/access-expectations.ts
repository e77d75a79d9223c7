import type { Role } from "../generated/prisma/enums";

const staff = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

/** Rows of the access matrix (server/access/access-matrix.test.ts) for pipelines.* procedures. */
export const pipelinesAccessExpectations: Record<string, "public" | "signedIn" | readonly Role[]> = {
  "pipelines.templates": "signedIn",
  "pipelines.saveTemplateVersion": staff,
  "pipelines.start": "signedIn",
  "pipelines.cancel": "signedIn",
  "pipelines.retryStep": staff,
  "pipelines.get": "signedIn",
  "pipelines.executors": staff,
  "pipelines.externalExecutors": staff,
  "pipelines.registerExternalExecutor": ["FACILITY_ADMIN"],
  "pipelines.revokeExternalExecutor": ["FACILITY_ADMIN"],
};
