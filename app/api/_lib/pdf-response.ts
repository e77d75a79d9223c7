import { isSignedIn } from "@/server/access/actor";
import { createContext } from "@/server/context";
import { DomainError } from "@/server/errors";
import type { Actor } from "@/server/access/actor";
import type { Db } from "@/server/db";

const noStore = { "cache-control": "private, no-store" };

/** Serves a PDF to a signed-in party; "not found" for anyone else, as for the page. */
export async function pdfResponse(request: Request, make: (db: Db, actor: Actor) => Promise<{ pdf: Buffer; filename: string }>) {
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return Response.json({ error: "Please sign in." }, { status: 401, headers: noStore });
  try {
    const { pdf, filename } = await make(ctx.db, ctx.actor);
    return new Response(new Uint8Array(pdf), { headers: { ...noStore, "content-type": "application/pdf", "content-length": String(pdf.byteLength), "content-disposition": `inline; filename="${filename.replace(/[^\w.-]/g, "_")}"` } });
  } catch (error) {
    if (error instanceof DomainError && (error.code === "NOT_FOUND" || error.code === "CONFLICT")) return Response.json({ error: error.message }, { status: error.code === "NOT_FOUND" ? 404 : 409, headers: noStore });
    throw error;
  }
}
