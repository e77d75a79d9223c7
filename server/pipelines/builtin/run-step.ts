import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analyseVolume } from "../../analysis/analyse";
import { downsampleForViewer } from "../../analysis/downsample";
import { liberationClasses } from "../../analysis/liberation";
import type { LabelVolume } from "../../analysis/volume";
import { inTransaction, type Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { stepWorkDir } from "../driver";
import { describeFile, registerFileOutput } from "../outputs";
import { analysisParamsSchema, segmentationParamsSchema } from "../schemas";
import { completeStep, failStep, reportProgress } from "../step-reports";
import { readVolumeAt } from "./volume-input";

export interface BuiltinHooks {
  /** Called after each file output is registered (tests stop the worker there). */
  afterOutput?: (name: string) => void | Promise<void>;
}

/**
 * Runs one attempt of a built-in step in this process: reads its input
 * volume (the first scan's data, or the previous step's labels), computes,
 * writes its files, registers them and finishes. Every write is conditional
 * on the attempt still being current, so a retried job (a worker killed
 * mid-step) redoes the work and registers nothing twice.
 */
export async function runBuiltinStep(db: Db, stepId: string, attempt: number, hooks: BuiltinHooks = {}): Promise<"done" | "stale" | "failed"> {
  const step = await db.pipelineStep.findUnique({ where: { id: stepId }, include: { pipeline: { include: { steps: { include: { outputs: true } } } } } });
  if (!step || step.state !== "RUNNING" || step.attempts !== attempt) return "stale";
  const current = { stepId, attempt };
  const progress = throttled((fraction) => reportProgress(db, current, fraction * 100));
  try {
    const workDir = stepWorkDir(step.pipelineId, step.key);
    await mkdir(workDir, { recursive: true });
    const scan = await db.scan.findFirstOrThrow({ where: { id: { in: step.pipeline.scanIds } }, orderBy: { startTime: "asc" } });
    const input = await inputVolume(step.pipeline.steps, step.position, scan);
    const register = async (name: string, file: string, bytes: Uint8Array) => {
      await writeFile(file, bytes);
      const described = await describeFile(file);
      const stillCurrent = await inTransaction(async (tx) => {
        if (!(await tx.pipelineStep.findFirst({ where: { id: stepId, state: "RUNNING", attempts: attempt }, select: { id: true } }))) return false;
        await registerFileOutput(tx, stepId, { name, ...described });
        return true;
      }, db);
      if (stillCurrent) await hooks.afterOutput?.(name);
      return described;
    };

    let figures: Record<string, Prisma.InputJsonValue>;
    if (step.kind === "segmentation") {
      const params = segmentationParamsSchema.parse(step.params);
      const { segmentByThresholds } = await import("./segment");
      const labels = segmentByThresholds(input, params.thresholds, params.labels, progress.report);
      await register("labels", path.join(workDir, "labels.raw"), labels.data);
      figures = { segmentation: { nx: labels.nx, ny: labels.ny, nz: labels.nz, thresholds: params.thresholds, labels: params.labels } };
    } else if (step.kind === "analysis") {
      const params = analysisParamsSchema.parse(step.params);
      const result = analyseVolume(input, params.phases, {
        connectivity: params.connectivity,
        liberationClasses: liberationClasses(params.liberationEdgesPercent.map((e) => e / 100), params.liberationNames ?? undefined),
        sections: { step: params.sectionEvery },
        excludeEdgeParticles: params.excludeEdgeParticles,
        voxelSize: { value: Number(scan.voxelSize), unit: scan.voxelUnit },
        onProgress: progress.report,
      });
      const preview = downsampleForViewer(input);
      await register("preview-labels", path.join(workDir, "preview-labels.raw"), preview.volume.data);
      figures = { analysis: result as unknown as Prisma.InputJsonValue, preview: { nx: preview.volume.nx, ny: preview.volume.ny, nz: preview.volume.nz, factor: preview.factor, phases: params.phases } };
    } else {
      throw new Error(`The built-in executor does not run “${step.kind}” steps.`);
    }
    await progress.flush();
    return (await completeStep(db, current, { figures })) ? "done" : "stale";
  } catch (error) {
    const outcome = await failStep(db, current, error instanceof Error ? error.message : String(error));
    return outcome === "stale" ? "stale" : "failed";
  }
}

type StepWithOutputs = { position: number; state: string; outputs: { name: string; uri: string | null }[] };

/** The previous succeeded step's labels when there are any, otherwise the scan's own data. */
async function inputVolume(steps: StepWithOutputs[], position: number, scan: { dataUri: string; sizeX: number | null; sizeY: number | null; sizeZ: number | null }): Promise<LabelVolume> {
  const previous = steps
    .filter((s) => s.position < position && s.state === "SUCCEEDED")
    .sort((a, b) => b.position - a.position)
    .map((s) => s.outputs.find((o) => o.name === "labels"))
    .find((o) => o?.uri);
  const size = { nx: scan.sizeX, ny: scan.sizeY, nz: scan.sizeZ };
  if (previous?.uri) return readVolumeAt(`file://${fileURLToPath(previous.uri)}`, size);
  return readVolumeAt(scan.dataUri, size);
}

/** Progress written at most every 2 % or 500 ms: a 512³ analysis reports often, the database need not hear each one. */
function throttled(write: (fraction: number) => Promise<unknown>) {
  let last = -1;
  let lastAt = 0;
  let pending: Promise<unknown> = Promise.resolve();
  return {
    report: (fraction: number) => {
      // An interval, not a time of day: the monotonic clock.
      const now = performance.now();
      if (fraction - last < 0.02 && now - lastAt < 500) return;
      last = fraction;
      lastAt = now;
      pending = pending.then(() => write(Math.min(fraction, 0.99)));
    },
    flush: () => pending,
  };
}
