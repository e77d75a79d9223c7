import { safetyDataSheetOf } from "@/server/samples/safety-data-sheet";
import { downloadResponse } from "../../../_lib/download-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/samples/:id/sds: a sample's safety data sheet, for the applicant's people and the facility's staff. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return downloadResponse(request, async (db, actor) => ({ ...(await safetyDataSheetOf(db, actor, id)), userFile: true }));
}
