import { isSignedIn } from "@/server/access/actor";
import { getAgreement } from "@/server/agreements/read-agreements";
import { createContext } from "@/server/context";
import { DomainError } from "@/server/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const noStore = { "cache-control": "private, no-store" };
const fail = (status: number, error: string) => Response.json({ error }, { status, headers: noStore });

/** GET /api/agreements/:id/pdf: the sealed PDF of a fully signed agreement, for the parties' people only. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return fail(401, "Please sign in.");
  try {
    const { agreement } = await getAgreement(ctx.db, ctx.actor, id);
    const sealed = await ctx.db.sealedAgreement.findUnique({ where: { agreementId: agreement.id } });
    if (!sealed) return fail(404, agreement.state === "SIGNED" ? `${agreement.reference} is being sealed; try again in a minute.` : `${agreement.reference} is sealed only once every party has signed.`);
    return new Response(new Uint8Array(sealed.pdf), {
      status: 200,
      headers: {
        ...noStore,
        "content-type": "application/pdf",
        "content-length": String(sealed.pdf.byteLength),
        "content-disposition": `attachment; filename="${agreement.reference}-sealed.pdf"`,
        "x-content-sha256": sealed.pdfHash,
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") return fail(404, error.message);
    throw error;
  }
}
