import { clientIpFromHeaders } from "@/server/auth/client-ip";
import { getDb } from "@/server/db";
import { DomainError, fromDatabaseError } from "@/server/errors";
import { nudgePipelines } from "@/server/jobs/boss";
import { externalActions, type ExternalAction, type SignedRequest } from "@/server/pipelines/external-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };
const statusFor: Record<DomainError["code"], number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };
const failure = (status: number, error: string) => Response.json({ error }, { status, headers: noStore });
const isAction = (action: string): action is ExternalAction => Object.hasOwn(externalActions, action);

/**
 * POST /api/executors/{claim,progress,complete,fail,scans}: outside runners
 * and acquisition software, authenticated by an HMAC signature over the raw
 * body (server/pipelines/executors/signature.ts), so the body is read as text
 * and verified before it is parsed. Refusals answer { error } with 400 (the
 * body), 401 (the signature, key, clock or a replayed nonce), 404 (not this
 * runner's facility) or 409 (the attempt is no longer current).
 */
export async function POST(request: Request, { params }: { params: Promise<{ action: string }> }) {
  const { action } = await params;
  if (!isAction(action)) return failure(404, `There is no executor action “${action}”: use claim, progress, complete, fail or scans.`);
  const signed: SignedRequest = { method: request.method, path: new URL(request.url).pathname, headers: request.headers, body: await request.text(), ip: clientIpFromHeaders(request.headers) };
  const db = getDb();
  try {
    switch (action) {
      case "claim": {
        const claimed = await externalActions.claim(db, signed);
        return claimed ? Response.json(claimed, { headers: noStore }) : new Response(null, { status: 204, headers: noStore });
      }
      case "progress":
        return Response.json(await externalActions.progress(db, signed), { headers: noStore });
      case "complete":
      case "fail": {
        const outcome = await externalActions[action](db, signed);
        // The step after it may start now rather than at the driver's next sweep.
        await nudgePipelines();
        return Response.json(outcome, { headers: noStore });
      }
      case "scans": {
        const scan = await externalActions.scans(db, signed);
        return Response.json(scan, { status: scan.created ? 201 : 200, headers: noStore });
      }
    }
  } catch (error) {
    const domain = fromDatabaseError(error);
    if (domain) return failure(statusFor[domain.code], domain.message);
    throw error;
  }
}
