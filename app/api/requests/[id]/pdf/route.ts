import { isSignedIn } from "@/server/access/actor";
import { createContext } from "@/server/context";
import { DomainError } from "@/server/errors";
import { renderRequestPdf } from "@/server/access-requests/pdf/render-request-pdf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const noStore = { "cache-control": "private, no-store" };
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: noStore });

/** GET /api/requests/:id/pdf[?version=N]: one submitted version of a request as a PDF. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return fail(401, "Please sign in.");

  const raw = new URL(request.url).searchParams.get("version");
  let version: number | undefined;
  if (raw !== null && raw !== "") {
    if (!/^\d+$/.test(raw) || Number(raw) < 1) return fail(400, "The version must be a whole number from 1.");
    version = Number(raw);
  }

  try {
    const { filename, pdf } = await renderRequestPdf(ctx.db, ctx.actor, id, version);
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        ...noStore,
        "content-type": "application/pdf",
        "content-length": String(pdf.byteLength),
        "content-disposition": `inline; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === "NOT_FOUND") return fail(404, error.message);
      if (error.code === "UNAUTHORIZED") return fail(401, "Please sign in.");
      if (error.code === "FORBIDDEN") return fail(403, error.message);
      if (error.code === "BAD_REQUEST") return fail(400, error.message);
    }
    throw error;
  }
}
