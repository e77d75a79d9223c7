import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { endstationForStaff } from "../scheduling/facility-staff";
import { formatFacilityDate } from "../time";
import { localIsoDate } from "./labels";
import type { grantBlockSchema } from "./schemas";

/**
 * A facility admin grants a consortium a block: N shifts per cycle on one of
 * the facility's endstations, from the first cycle to the last, with the
 * dates the consortium reports on its use.
 */
export async function grantBlock(tx: Tx, ctx: RequestContext, input: z.output<typeof grantBlockSchema>) {
  if (!isSignedIn(ctx.actor)) throw notFound("The endstation");
  const endstation = await endstationForStaff(tx, ctx.actor, input.endstationId, ["FACILITY_ADMIN"]);
  const consortium = await tx.consortium.findUnique({ where: { id: input.consortiumId } });
  if (!consortium) throw notFound("The consortium");
  const cycles = await tx.cycle.findMany({ where: { id: { in: [input.firstCycleId, input.lastCycleId] }, facilityId: endstation.facilityId } });
  const first = cycles.find((c) => c.id === input.firstCycleId);
  const last = cycles.find((c) => c.id === input.lastCycleId);
  if (!first) throw invalid(`Choose a cycle of ${endstation.facility.name}.`, "firstCycleId");
  if (!last) throw invalid(`Choose a cycle of ${endstation.facility.name}.`, "lastCycleId");
  if (last.startsAt < first.startsAt) throw invalid(`The last cycle (${last.name}) starts before the first (${first.name}).`, "lastCycleId");

  const zone = endstation.facility.timeZone;
  const from = localIsoDate(first.startsAt, zone);
  const to = localIsoDate(last.endsAt, zone);
  const outside = input.reportingDates.find((d) => d < from || d > to);
  if (outside) throw invalid(`Reporting date ${outside} is outside the block's period (${formatFacilityDate(first.startsAt, zone)} to ${formatFacilityDate(last.endsAt, zone)}).`, "reportingDates");

  const overlapping = await tx.blockAllocation.findFirst({
    where: { consortiumId: consortium.id, endstationId: endstation.id, firstCycleStart: { lt: last.endsAt }, lastCycleEnd: { gt: first.startsAt } },
  });
  if (overlapping) throw conflict(`${consortium.acronym} already holds a block on ${endstation.name} from ${formatFacilityDate(overlapping.firstCycleStart, zone)} to ${formatFacilityDate(overlapping.lastCycleEnd, zone)}; change that block instead.`, "firstCycleId");

  const block = await tx.blockAllocation.create({
    data: {
      consortiumId: consortium.id,
      endstationId: endstation.id,
      shiftsPerCycle: input.shiftsPerCycle,
      firstCycleStart: first.startsAt,
      lastCycleEnd: last.endsAt,
      reportingDates: [...input.reportingDates].sort(),
      unusedWarningDays: input.unusedWarningDays,
      createdById: ctx.actor.userId,
    },
  });
  await recordAudit(tx, ctx, {
    action: "block.granted",
    entityType: "BlockAllocation",
    entityId: block.id,
    after: { consortium: consortium.acronym, endstation: endstation.code, shiftsPerCycle: block.shiftsPerCycle, firstCycle: first.name, lastCycle: last.name, reportingDates: block.reportingDates, unusedWarningDays: block.unusedWarningDays },
  });
  return { id: block.id };
}
