import { isSignedIn } from "@/server/access/actor";
import { createContext } from "@/server/context";
import { DomainError } from "@/server/errors";
import { loadSampleRequest } from "@/server/samples/load";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/samples/:id/sds: a sample's safety data sheet, for the applicant's people and the facility's staff. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return Response.json({ error: "Please sign in." }, { status: 401 });
  const sample = await ctx.db.sample.findUnique({ where: { id }, select: { requestId: true, sdsFile: true, sdsFileName: true } });
  try {
    if (!sample) throw new DomainError("NOT_FOUND", "The sample was not found.");
    await loadSampleRequest(ctx.db, ctx.actor, sample.requestId);
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") return Response.json({ error: "The sample was not found." }, { status: 404 });
    throw error;
  }
  if (!sample.sdsFile) return Response.json({ error: "No safety data sheet was uploaded for this sample." }, { status: 404 });
  return new Response(new Uint8Array(sample.sdsFile), { headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="${(sample.sdsFileName ?? "safety-data-sheet.pdf").replace(/[^\w.-]/g, "_")}"`, "cache-control": "private, no-store" } });
}
