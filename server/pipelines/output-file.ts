import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Actor } from "../access/actor";
import type { Db } from "../db";
import { notFound } from "../errors";
import { getPipeline } from "./read-pipelines";

/** The folder the portal's own steps write to; only files inside it are served. */
const dataRoot = () => path.resolve(process.env.LODESTONE_DATA_DIR ?? path.join(process.cwd(), ".data"), "pipelines");

/**
 * An output file of a pipeline step, for those who may see the run. Only
 * files the portal's own workers wrote (under LODESTONE_DATA_DIR) are served:
 * a file a cluster or runner registered stays where its URI says.
 */
export async function pipelineOutputFile(db: Db, actor: Actor, pipelineId: string, stepKey: string, name: string) {
  const pipeline = await getPipeline(db, actor, pipelineId);
  const output = pipeline.steps.find((s) => s.key === stepKey)?.outputs.find((o) => o.name === name);
  if (!output?.uri?.startsWith("file://")) throw notFound("The output");
  const file = path.resolve(fileURLToPath(output.uri));
  if (!file.startsWith(dataRoot() + path.sep)) throw notFound("A copy of this output here (it is kept at its URI)");
  return { bytes: new Uint8Array(await readFile(file)), filename: `${pipeline.reference}-${stepKey}-${path.basename(file)}` };
}
