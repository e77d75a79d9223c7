import { runMutation } from "../run";
import { createRouter, procedure } from "../trpc";
import { createCall, listAdministeredFacilities, updateRoute } from "./manage-routes";
import { accessRouteAccess as access } from "./policy";
import { createCallSchema, updateRouteSchema } from "./schemas";

export const accessRoutesRouter = createRouter({
  administered: procedure.meta({ access: access.listAdministered }).query(({ ctx }) => listAdministeredFacilities(ctx.db, ctx.actor)),
  update: procedure.meta({ access: access.update }).input(updateRouteSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => updateRoute(tx, ctx, input))),
  createCall: procedure.meta({ access: access.createCall }).input(createCallSchema).mutation(({ ctx, input }) => runMutation(ctx, (tx) => createCall(tx, ctx, input))),
});
