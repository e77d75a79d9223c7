import { renderRequestPdf } from "@/server/access-requests/pdf/render-request-pdf";
import { downloadResponse } from "../../../_lib/download-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/requests/:id/pdf[?version=N]: one submitted version of a request as a PDF (renderRequestPdf refuses a bad version). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const raw = new URL(request.url).searchParams.get("version");
  const version = raw === null || raw === "" ? undefined : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  return downloadResponse(request, (db, actor) => renderRequestPdf(db, actor, id, version));
}
