import { createRouter, procedure } from "../trpc";
import { listAuditEvents } from "./list-audit-events";
import { auditAccess } from "./policy";
import { listAuditSchema } from "./schemas";

export const auditRouter = createRouter({
  list: procedure.meta({ access: auditAccess.list }).input(listAuditSchema).query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.actor, input)),
});
