import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";

/**
 * Registers what a step produced. Unique by (step, name): a retry or a worker
 * killed after writing an output registers it again as a no-op, so nothing is
 * ever listed twice.
 */
export async function registerFileOutput(tx: Tx, stepId: string, output: { name: string; uri: string; sizeBytes: number; sha256: string }) {
  await tx.stepOutput.createMany({ data: [{ stepId, name: output.name, uri: output.uri, sizeBytes: BigInt(output.sizeBytes), sha256: output.sha256 }], skipDuplicates: true });
}

export async function registerFigures(tx: Tx, stepId: string, name: string, figures: Prisma.InputJsonValue) {
  await tx.stepOutput.createMany({ data: [{ stepId, name, figures }], skipDuplicates: true });
}

/** A file's URI, size and SHA-256, hashed as a stream (outputs can be gigabytes). */
export async function describeFile(filePath: string): Promise<{ uri: string; sizeBytes: number; sha256: string }> {
  const hash = createHash("sha256");
  await new Promise<void>((resolve, reject) => {
    createReadStream(filePath).on("data", (chunk) => hash.update(chunk)).on("end", resolve).on("error", reject);
  });
  return { uri: pathToFileURL(filePath).href, sizeBytes: (await stat(filePath)).size, sha256: hash.digest("hex") };
}
