import { isSignedIn } from "@/server/access/actor";
import { decide } from "@/server/access/rules";
import { ledgerCsv, programmeLedger } from "@/server/billing/ledger";
import { billingAccess } from "@/server/billing/policy";
import { createContext } from "@/server/context";
import { DomainError } from "@/server/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/programmes/:id/ledger.csv: every ledger entry, for the programme's funder. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return Response.json({ error: "Please sign in." }, { status: 401 });
  if (decide(billingAccess.ledger, ctx.actor) !== "allowed") return Response.json({ error: "Only the programme's funder sees its ledger." }, { status: 403 });
  try {
    const ledger = await programmeLedger(ctx.db, ctx.actor, id);
    const name = ledger.programme.name.replace(/[^\w]+/g, "-").toLowerCase();
    return new Response(ledgerCsv(ledger), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}-ledger.csv"`, "cache-control": "private, no-store" } });
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
}
