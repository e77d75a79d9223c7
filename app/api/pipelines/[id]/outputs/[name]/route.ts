import { pipelineOutputFile } from "@/server/pipelines/output-file";
import { downloadResponse } from "../../../../_lib/download-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/pipelines/:id/outputs/:name?step=KEY: an output file of a step, for the run's team and the facility's staff. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; name: string }> }) {
  const { id, name } = await params;
  const step = new URL(request.url).searchParams.get("step") ?? "";
  return downloadResponse(request, async (db, actor) => {
    const file = await pipelineOutputFile(db, actor, id, step, name);
    return { pdf: file.bytes, filename: file.filename, contentType: "application/octet-stream", attachment: true };
  });
}
