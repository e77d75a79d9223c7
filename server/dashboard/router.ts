import { signedInAccess } from "../access/rules";
import { requireUser } from "../run";
import { createRouter, procedure } from "../trpc";
import { getDashboard } from "./get-dashboard";

export const dashboardRouter = createRouter({
  // Every signed-in user has a dashboard; getDashboard scopes each section to the user's own organisations.
  get: procedure.meta({ access: signedInAccess }).query(({ ctx }) => getDashboard(ctx.db, requireUser(ctx).actor)),
});
