import { sealedPdfOf } from "@/server/agreements/seal/sealed-pdf";
import { downloadResponse } from "../../../_lib/download-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/agreements/:id/pdf: the sealed PDF of a fully signed agreement, for the parties' people only. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return downloadResponse(request, (db, actor) => sealedPdfOf(db, actor, id));
}
