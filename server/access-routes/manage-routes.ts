import { TZDate } from "@date-fns/tz";
import type { z } from "zod";
import { organisationIdsOf, type Actor, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Db, Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { administersFacility } from "./policy";
import type { createCallSchema, updateRouteSchema } from "./schemas";

export async function listAdministeredFacilities(db: Db, actor: Actor) {
  return db.facility.findMany({
    where: { organisationId: { in: organisationIdsOf(actor, "FACILITY_ADMIN") } },
    include: {
      accessRoutes: { orderBy: { kind: "asc" }, include: { calls: { include: { cycle: { select: { name: true } }, _count: { select: { requests: true } } }, orderBy: { opensAt: "asc" } } } },
      cycles: { orderBy: { startsAt: "asc" } },
    },
    orderBy: { name: "asc" },
  });
}

async function routeForAdmin(tx: Tx, actor: Actor, routeId: string) {
  const route = await tx.accessRoute.findUnique({ where: { id: routeId }, include: { facility: true } });
  if (!route || !administersFacility(actor, route.facility.organisationId)) throw notFound("The access route");
  return route;
}

export async function updateRoute(tx: Tx, ctx: RequestContext, input: z.output<typeof updateRouteSchema>) {
  const route = await routeForAdmin(tx, ctx.actor, input.routeId);
  if (route.kind === "NON_PROPRIETARY" && !input.needsCall) throw invalid("The peer-reviewed route is decided by a panel per call; it needs calls.", "needsCall");
  if (route.kind === "NON_PROPRIETARY" && input.embargoMonths === null) throw invalid("Set the embargo before publication (36 months is usual).", "embargoMonths");
  const { routeId: _routeId, ...changes } = input;
  await tx.accessRoute.update({ where: { id: route.id }, data: changes });
  const summary = (r: typeof changes) => ({ name: r.name, dataPolicy: r.dataPolicy, decisionTargetDays: r.decisionTargetDays, needsCall: r.needsCall, maxShifts: r.maxShifts, embargoMonths: r.embargoMonths, active: r.active });
  await recordAudit(tx, ctx, { action: "access_route.updated", entityType: "AccessRoute", entityId: route.id, before: summary(route), after: summary(changes) });
}

/** Opens a call on a route for one cycle; dates are whole days in the facility's time zone. */
export async function createCall(tx: Tx, ctx: RequestContext, input: z.output<typeof createCallSchema>) {
  const route = await routeForAdmin(tx, ctx.actor, input.routeId);
  if (!route.needsCall) throw invalid("This route takes requests at any time; it has no calls.", "routeId");
  const cycle = await tx.cycle.findFirst({ where: { id: input.cycleId, facilityId: route.facilityId } });
  if (!cycle) throw invalid("Choose a cycle of this facility.", "cycleId");
  const midnight = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, d, route.facility.timeZone).getTime());
  };
  const opensAt = midnight(input.opensOn);
  const closesAt = midnight(input.closesOn);
  if (closesAt > cycle.startsAt) throw invalid(`The call must close before cycle ${cycle.name} starts, so the panel can meet.`, "closesOn");
  const existing = await tx.call.findUnique({ where: { cycleId_routeId: { cycleId: cycle.id, routeId: route.id } } });
  if (existing) throw conflict(`Cycle ${cycle.name} already has a call on this route (${existing.title}).`, "cycleId");
  const call = await tx.call.create({ data: { facilityId: route.facilityId, cycleId: cycle.id, routeId: route.id, title: input.title, opensAt, closesAt } });
  await recordAudit(tx, ctx, { action: "call.created", entityType: "Call", entityId: call.id, after: { routeId: route.id, cycle: cycle.name, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() } });
  return { id: call.id };
}
