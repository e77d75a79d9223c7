import { renderQuotePdf } from "@/server/billing/pdf/render-billing-pdf";
import { downloadResponse } from "../../../../_lib/download-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/billing/quotes/:requestId/pdf: the request's quote, for the payer and the facility. */
export async function GET(request: Request, { params }: { params: Promise<{ requestId: string }> }) {
  const { requestId } = await params;
  return downloadResponse(request, (db, actor) => renderQuotePdf(db, actor, requestId));
}
