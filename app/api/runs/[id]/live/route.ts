import { isSignedIn } from "@/server/access/actor";
import { createContext } from "@/server/context";
import { DomainError } from "@/server/errors";
import { subscribe } from "@/server/pipelines/live";
import { loadVisibleRun } from "@/server/runs/load";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const failure = (status: number, error: string) => Response.json({ error }, { status, headers: { "cache-control": "private, no-store" } });

/**
 * GET /api/runs/:id/live: Server-Sent Events with every pipeline step change
 * of the run, for the people who may see the run (others get 404, as on its
 * page). Fed by PostgreSQL LISTEN/NOTIFY, so nothing polls; a comment every
 * 15 s keeps proxies from closing an idle stream.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return failure(401, "Please sign in.");
  try {
    await loadVisibleRun(ctx.db, ctx.actor, id);
  } catch (error) {
    if (error instanceof DomainError) return failure(404, error.message);
    throw error;
  }
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(": connected\n\n");
      const unsubscribe = subscribe((notice) => {
        if (notice.runId === id) send(`event: step\ndata: ${JSON.stringify(notice)}\n\n`);
      });
      const keepAlive = setInterval(() => send(": keep-alive\n\n"), 15_000);
      cleanup = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "private, no-store, no-transform", connection: "keep-alive", "x-accel-buffering": "no" } });
}
