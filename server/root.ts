import { accessRequestsRouter } from "./access-requests/router";
import { accessRoutesRouter } from "./access-routes/router";
import { agreementsRouter } from "./agreements/router";
import { billingRouter } from "./billing/router";
import { samplesRouter } from "./samples/router";
import { auditRouter } from "./audit/router";
import { consortiaRouter } from "./consortia/router";
import { dashboardRouter } from "./dashboard/router";
import { facilitiesRouter } from "./facilities/router";
import { organisationsRouter } from "./organisations/router";
import { pipelinesRouter } from "./pipelines/router";
import { runsRouter } from "./runs/router";
import { schedulingRouter } from "./scheduling/router";
import { createCallerFactory, createRouter } from "./trpc";
import { usersRouter } from "./users/router";

export const appRouter = createRouter({
  accessRequests: accessRequestsRouter,
  accessRoutes: accessRoutesRouter,
  agreements: agreementsRouter,
  billing: billingRouter,
  samples: samplesRouter,
  audit: auditRouter,
  consortia: consortiaRouter,
  dashboard: dashboardRouter,
  facilities: facilitiesRouter,
  organisations: organisationsRouter,
  pipelines: pipelinesRouter,
  runs: runsRouter,
  scheduling: schedulingRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
