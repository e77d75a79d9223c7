import { decide } from "@/server/access/rules";
import { ledgerCsv, programmeLedger } from "@/server/billing/ledger";
import { billingAccess } from "@/server/billing/policy";
import { forbidden } from "@/server/errors";
import { downloadResponse } from "../../../_lib/download-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/programmes/:id/ledger.csv: every ledger entry, for the programme's funder (the same rule as billing.ledger). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return downloadResponse(request, async (db, actor) => {
    if (decide(billingAccess.ledger, actor) !== "allowed") throw forbidden("Only the programme's funder sees its ledger.");
    const ledger = await programmeLedger(db, actor, id);
    return { pdf: Buffer.from(ledgerCsv(ledger), "utf8"), contentType: "text/csv; charset=utf-8", attachment: true, filename: `${ledger.programme.name.replace(/[^\w]+/g, "-").toLowerCase()}-ledger.csv` };
  });
}
