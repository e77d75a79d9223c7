import type { z } from "zod";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import { clock } from "../clock";
import type { Tx } from "../db";
import { conflict, invalid, notFound } from "../errors";
import { custodyActor } from "../samples/load";
import { loadRunForStaff, lockRun, type LoadedRun } from "./load";
import type { mountSchema, unmountSchema } from "./schemas";

function assertOpen(run: Pick<LoadedRun, "state" | "reference">) {
  if (run.state !== "OPEN") throw conflict(`${run.reference} is closed; nothing more is mounted in it.`);
}

/**
 * A sample goes on the endstation: only one of the run's request's samples
 * that the facility has received, and only if it is not mounted anywhere
 * else (the database keeps that too). Each mount is a custody event.
 */
export async function mountSample(tx: Tx, ctx: SignedInContext, input: z.output<typeof mountSchema>, now = clock.now()) {
  const run = await loadRunForStaff(tx, ctx.actor, input.runId);
  await lockRun(tx, run.id);
  assertOpen(run);
  const sample = await tx.sample.findUnique({ where: { id: input.sampleId } });
  if (!sample || sample.requestId !== run.requestId) throw invalid("Choose one of this run's request's samples.", "sampleId");
  if (sample.status !== "STORED" && sample.status !== "RECEIVED") throw invalid(`${sample.code} has not been received by the facility, so it cannot be mounted.`, "sampleId");
  const elsewhere = await tx.runMount.findFirst({ where: { sampleId: sample.id, unmountedAt: null }, include: { run: { select: { reference: true } } } });
  if (elsewhere) throw conflict(`${sample.code} is already mounted in ${elsewhere.run.reference}; take it off there first.`, "sampleId");
  const mount = await tx.runMount.create({ data: { runId: run.id, sampleId: sample.id, position: input.position, mountedAt: now, mountedById: ctx.actor.userId } });
  await tx.custodyEvent.create({ data: { kind: "MOUNTED", at: now, sampleId: sample.id, ...custodyActor(ctx.actor), location: `${run.reference}${input.position ? `, ${input.position}` : ""}` } });
  await recordAudit(tx, ctx, { action: "run.sample_mounted", entityType: "Run", entityId: run.id, after: { sampleId: sample.id, code: sample.code, position: input.position } });
  return { id: mount.id };
}

export async function unmountSample(tx: Tx, ctx: SignedInContext, input: z.output<typeof unmountSchema>, now = clock.now()) {
  const run = await loadRunForStaff(tx, ctx.actor, input.runId);
  await lockRun(tx, run.id);
  const mount = await tx.runMount.findUnique({ where: { id: input.mountId }, include: { sample: true } });
  if (!mount || mount.runId !== run.id) throw notFound("The mount");
  const done = await takeOff(tx, ctx, run, [mount], now);
  if (done === 0) throw conflict(`${mount.sample.code} was already taken off.`);
}

/** Everything still mounted comes off when the run closes. */
export async function unmountAll(tx: Tx, ctx: SignedInContext, run: LoadedRun, now: Date) {
  const mounted = await tx.runMount.findMany({ where: { runId: run.id, unmountedAt: null }, include: { sample: true } });
  await takeOff(tx, ctx, run, mounted, now);
}

async function takeOff(tx: Tx, ctx: SignedInContext, run: LoadedRun, mounts: { id: string; sampleId: string; sample: { code: string } }[], now: Date) {
  let done = 0;
  for (const mount of mounts) {
    const off = await tx.runMount.updateMany({ where: { id: mount.id, unmountedAt: null }, data: { unmountedAt: now, unmountedById: ctx.actor.userId } });
    if (off.count === 0) continue;
    done++;
    await tx.custodyEvent.create({ data: { kind: "UNMOUNTED", at: now, sampleId: mount.sampleId, ...custodyActor(ctx.actor), location: "Sample store" } });
    await recordAudit(tx, ctx, { action: "run.sample_unmounted", entityType: "Run", entityId: run.id, after: { sampleId: mount.sampleId, code: mount.sample.code } });
  }
  return done;
}
