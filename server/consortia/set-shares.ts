import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { forbidden, invalid, invalidFields } from "../errors";
import { blockCycle, bookedShifts, loadVisibleBlock, shiftsText } from "./load";
import { isLeadOf } from "./policy";
import type { setSharesSchema } from "./schemas";

/**
 * The lead shares out a block's cycle among member organisations (shifts per
 * member). Moving unused shifts from one member to another is the same call
 * with new numbers. The shares add up to at most the block's shifts per
 * cycle, and no member's share drops below what it has already booked.
 * The share rows are locked first, so a member booking at the same moment
 * either sees the new share or is counted before it is set.
 */
export async function setShares(tx: Tx, ctx: RequestContext, input: z.output<typeof setSharesSchema>) {
  const block = await loadVisibleBlock(tx, ctx.actor, input.blockId);
  if (!isLeadOf(ctx.actor, block.consortium)) throw forbidden(`Only the lead of ${block.consortium.acronym} (${block.consortium.leadOrganisation.name}) shares out its block.`);
  const cycle = await blockCycle(tx, block, input.cycleId);
  if (!cycle) throw invalid("Choose a cycle of the block.", "cycleId");

  const members = new Map(block.consortium.members.map((m) => [m.organisationId, m.organisation.name]));
  const unknown = input.shares.findIndex((s) => !members.has(s.organisationId));
  if (unknown >= 0) throw invalid(`Only members of ${block.consortium.acronym} can have a share.`, `shares.${unknown}.organisationId`);

  // One lead at a time per block; then the existing share rows, which bookSession locks too.
  await tx.$queryRaw`SELECT id FROM "BlockAllocation" WHERE id = ${block.id} FOR UPDATE`;
  await tx.$queryRaw`SELECT id FROM "BlockShare" WHERE "blockId" = ${block.id} AND "cycleId" = ${cycle.id} ORDER BY "organisationId" FOR UPDATE`;
  const existing = await tx.blockShare.findMany({ where: { blockId: block.id, cycleId: cycle.id } });
  const before = new Map(existing.map((s) => [s.organisationId, s.shifts]));
  const after = new Map(before);
  for (const s of input.shares) after.set(s.organisationId, s.shifts);

  const total = [...after.values()].reduce((n, v) => n + v, 0);
  if (total > block.shiftsPerCycle) {
    throw invalid(`The shares add up to ${shiftsText(total)}, but the block has ${shiftsText(block.shiftsPerCycle)} in ${cycle.name}. Take ${shiftsText(total - block.shiftsPerCycle)} off.`);
  }

  const tooLow: Record<string, string> = {};
  for (const [index, s] of input.shares.entries()) {
    const booked = await bookedShifts(tx, block.id, cycle.id, s.organisationId);
    if (s.shifts < booked) {
      tooLow[`shares.${index}.shifts`] = `${members.get(s.organisationId)} has already booked ${shiftsText(booked)} in ${cycle.name}; its share cannot go below ${booked}.`;
    }
  }
  if (Object.keys(tooLow).length > 0) throw invalidFields(tooLow);

  for (const s of input.shares) {
    if (before.get(s.organisationId) === s.shifts) continue;
    await tx.blockShare.upsert({
      where: { blockId_cycleId_organisationId: { blockId: block.id, cycleId: cycle.id, organisationId: s.organisationId } },
      create: { blockId: block.id, cycleId: cycle.id, organisationId: s.organisationId, shifts: s.shifts },
      update: { shifts: s.shifts },
    });
  }
  const named = (m: Map<string, number>) => Object.fromEntries([...members].map(([id, name]) => [name, m.get(id) ?? 0]));
  await recordAudit(tx, ctx, {
    action: "block.shares_set",
    entityType: "BlockAllocation",
    entityId: block.id,
    before: { cycle: cycle.name, shares: named(before) },
    after: { cycle: cycle.name, shares: named(after) },
  });
  return { total, unshared: block.shiftsPerCycle - total };
}
