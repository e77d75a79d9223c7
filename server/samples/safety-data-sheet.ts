import type { Actor } from "../access/actor";
import type { Db } from "../db";
import { notFound } from "../errors";
import { loadSampleRequest } from "./load";

/** A sample's safety data sheet, for the applicant's people and the facility's staff. */
export async function safetyDataSheetOf(db: Db, actor: Actor, sampleId: string) {
  const sample = await db.sample.findUnique({ where: { id: sampleId }, select: { requestId: true, sdsFile: true, sdsFileName: true } });
  if (!sample) throw notFound("The sample");
  await loadSampleRequest(db, actor, sample.requestId).catch(() => {
    throw notFound("The sample");
  });
  if (!sample.sdsFile) throw notFound("A safety data sheet for this sample");
  return { pdf: sample.sdsFile, filename: sample.sdsFileName ?? "safety-data-sheet.pdf" };
}
