import path from "node:path";

/** Where the portal keeps files it writes itself (pipeline outputs, demo volumes): LODESTONE_DATA_DIR, or .data/ beside the app. Always absolute. */
export function dataDir(): string {
  return path.resolve(process.env.LODESTONE_DATA_DIR ?? path.join(process.cwd(), ".data"));
}

/** One folder per pipeline and step; a cluster's nodes must see the same path. */
export function stepWorkDir(pipelineId: string, stepKey: string): string {
  return path.join(dataDir(), "pipelines", pipelineId, stepKey);
}
