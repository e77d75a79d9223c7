import { renderShipmentLabels } from "@/server/samples/pdf/render-labels";
import { downloadResponse } from "../../../_lib/download-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/shipments/:id/labels: printable labels with QR codes, for the applicant and the facility. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return downloadResponse(request, (db, actor) => renderShipmentLabels(db, actor, id));
}
