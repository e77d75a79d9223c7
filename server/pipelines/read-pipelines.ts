import type { Actor } from "../access/actor";
import type { Db } from "../db";
import { notFound } from "../errors";
import { loadVisibleRun } from "../runs/load";

/** A pipeline with its steps and outputs, for whoever may see its run. */
export async function getPipeline(db: Db, actor: Actor, pipelineId: string) {
  const pipeline = await db.pipelineRun.findUnique({
    where: { id: pipelineId },
    include: {
      template: { select: { name: true, version: true } },
      steps: { orderBy: { position: "asc" }, include: { outputs: { orderBy: { name: "asc" } } } },
    },
  });
  if (!pipeline) throw notFound("The pipeline");
  const run = await loadVisibleRun(db, actor, pipeline.runId).catch(() => {
    throw notFound("The pipeline");
  });
  return {
    ...pipeline,
    run: { id: run.id, reference: run.reference, timeZone: run.facility.timeZone },
    steps: pipeline.steps.map((s) => ({ ...s, outputs: s.outputs.map((o) => ({ ...o, sizeBytes: o.sizeBytes?.toString() ?? null })) })),
  };
}
