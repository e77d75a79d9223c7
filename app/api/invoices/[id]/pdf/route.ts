import { renderInvoicePdf } from "@/server/billing/pdf/render-billing-pdf";
import { downloadResponse } from "../../../_lib/download-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/invoices/:id/pdf: an invoice or credit note, for the payer and the facility. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return downloadResponse(request, (db, actor) => renderInvoicePdf(db, actor, id));
}
