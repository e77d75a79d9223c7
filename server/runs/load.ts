import type { Actor } from "../access/actor";
import type { Db, Tx } from "../db";
import { forbidden, notFound } from "../errors";
import { canSeeRun, isRunStaff } from "./policy";

const runInclude = { facility: { select: { id: true, name: true, organisationId: true, timeZone: true } }, booking: true } as const;

/** A run the actor may see, or "not found" exactly as if it did not exist. */
export async function loadVisibleRun(db: Db | Tx, actor: Actor, runId: string) {
  const run = await db.run.findUnique({ where: { id: runId }, include: runInclude });
  if (!run || !canSeeRun(actor, { organisationId: run.organisationId, facilityOrganisationId: run.facility.organisationId })) throw notFound("The run");
  return run;
}

/** A run the actor works on as the facility's staff; its team is told it is the staff's step. */
export async function loadRunForStaff(db: Db | Tx, actor: Actor, runId: string) {
  const run = await loadVisibleRun(db, actor, runId);
  if (!isRunStaff(actor, { facilityOrganisationId: run.facility.organisationId })) throw forbidden(`Only ${run.facility.name}'s staff do this.`);
  return run;
}

/** Locks the run's row for the rest of the transaction: changes to one run take turns. */
export async function lockRun(tx: Tx, runId: string) {
  await tx.$queryRaw`SELECT id FROM "Run" WHERE id = ${runId} FOR UPDATE`;
}

export type LoadedRun = Awaited<ReturnType<typeof loadVisibleRun>>;
