import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid } from "../errors";
import { spanOf } from "./instants";
import { loadRunForStaff } from "./load";
import type { scanSchema } from "./schemas";

type ScanFields = Omit<z.output<typeof scanSchema>, "runId" | "source" | "startTime" | "endTime"> & { startTime: Date; endTime: Date | null };

/** Staff record a scan, typed in or filled from a NeXus file's header. */
export async function addScan(tx: Tx, ctx: SignedInContext, input: z.output<typeof scanSchema>) {
  const run = await loadRunForStaff(tx, ctx.actor, input.runId);
  const { runId: _runId, source, ...fields } = input;
  const span = spanOf(fields.startTime, fields.endTime, run.facility.timeZone, ["startTime", "endTime"], "The scan");
  return recordScan(tx, ctx, run, { ...fields, startTime: span.start, endTime: span.end }, source, null);
}

/**
 * Writes a scan of an open run. A scan names one of the request's samples
 * when it names one; acquisition software posting the same scan again (same
 * externalId) gets the first one back, so a retried post records it once.
 */
export async function recordScan(tx: Tx, ctx: RequestContext, run: { id: string; reference: string; state: string; requestId: string | null }, fields: ScanFields, source: "TYPED" | "NEXUS_FILE" | "INSTRUMENT_API", externalId: string | null) {
  if (run.state !== "OPEN") throw conflict(`${run.reference} is closed; scans are recorded while it is open.`);
  if (fields.sampleId) {
    const sample = await tx.sample.findUnique({ where: { id: fields.sampleId }, select: { requestId: true } });
    if (!sample || sample.requestId !== run.requestId) throw invalid("Choose one of this run's request's samples.", "sampleId");
  }
  if (externalId) {
    const existing = await tx.scan.findUnique({ where: { runId_externalId: { runId: run.id, externalId } } });
    if (existing) return { id: existing.id, created: false };
  }
  const scan = await tx.scan.create({
    data: { ...fields, runId: run.id, source, externalId, createdById: ctx.actor.kind === "user" ? ctx.actor.userId : null, sizeBytes: fields.sizeBytes === null ? null : BigInt(fields.sizeBytes) },
  });
  await recordAudit(tx, ctx, { action: "run.scan_added", entityType: "Run", entityId: run.id, after: { scanId: scan.id, technique: fields.technique, source } });
  return { id: scan.id, created: true };
}
