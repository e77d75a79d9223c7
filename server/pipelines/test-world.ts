import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SYNTHETIC_PHASES, syntheticVolume } from "../analysis/synthetic";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { createRunWorld, openWorldRun } from "../runs/test-world";
import { callerFor } from "../testing/fixtures";
import type { TemplateStep } from "./schemas";

/** The reference analysis on the synthetic volume's phases, as a template step. */
export const analysisStep: TemplateStep = {
  key: "analysis",
  name: "Ore analysis",
  kind: "analysis",
  executor: "BUILTIN",
  deadlineMinutes: 30,
  maxAttempts: 3,
  params: { phases: [...SYNTHETIC_PHASES], connectivity: 26, liberationEdgesPercent: [0, 10, 90, 100], liberationNames: ["locked", "middlings", "liberated"], sectionEvery: 4, excludeEdgeParticles: false },
};

/**
 * A run with one scan whose data is a small synthetic labelled volume on disk
 * (raw uint8), and a template of `steps` on the run's endstation.
 */
export async function createPipelineWorld(db: Db, options: { steps?: TemplateStep[]; applicantsMayStart?: boolean; size?: number; dataUri?: string } = {}) {
  const w = await createRunWorld(db);
  const run = await openWorldRun(w);
  const n = options.size ?? 32;
  const dir = mkdtempSync(path.join(os.tmpdir(), "lodestone-volume-"));
  const file = path.join(dir, "scan.raw");
  writeFileSync(file, syntheticVolume({ nx: n, ny: n, nz: n, seed: 7, porosity: 0.6 }).volume.data);
  const scan = await callerFor(w.staff).runs.addScan({
    runId: run.id, technique: "Synchrotron micro-CT", startTime: new Date(Date.now() - 3_600_000), energyKeV: 25, voxelSize: 0.65, voxelUnit: "um",
    sizeX: n, sizeY: n, sizeZ: n, fileFormat: "raw uint8", dataUri: options.dataUri ?? pathToFileURL(file).href,
  });
  const template = await db.pipelineTemplate.create({
    data: { endstationId: w.endstation.id, name: "Reference ore analysis", version: 1, steps: (options.steps ?? [analysisStep]) as unknown as Prisma.InputJsonValue, applicantsMayStart: options.applicantsMayStart ?? false, createdById: w.staff.userId },
  });
  return { ...w, run, scan, template, volumeFile: file };
}
export type PipelineWorld = Awaited<ReturnType<typeof createPipelineWorld>>;
