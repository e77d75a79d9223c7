import { isSignedIn, type SignedInActor } from "@/server/access/actor";
import { createContext } from "@/server/context";
import type { Db } from "@/server/db";
import { DomainError, fromDatabaseError } from "@/server/errors";

/** Answers to signed-in people are never cached by anything in between. */
export const noStore = { "cache-control": "private, no-store" };

const statusFor: Record<DomainError["code"], number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };

/** A JSON refusal: `{ error, ...extra }` with its status. */
export const failure = (status: number, error: string, extra: Record<string, unknown> = {}) => Response.json({ error, ...extra }, { status, headers: noStore });

/**
 * The HTTP answer for an error an operation raised on purpose (or the
 * database refused), with the same field messages the tRPC forms get;
 * undefined for anything else, which the caller rethrows.
 */
export function domainErrorResponse(error: unknown): Response | undefined {
  const domain = fromDatabaseError(error);
  if (!domain) return undefined;
  const fieldErrors = domain.fieldErrors ?? (domain.field ? { [domain.field]: domain.message } : undefined);
  return failure(statusFor[domain.code], domain.message, fieldErrors ? { fieldErrors } : {});
}

/**
 * A route handler for signed-in people: 401 before anything else, then the
 * work, whose domain errors become their HTTP status (a record the person may
 * not see is 404, as on its page).
 */
export async function signedInRoute(request: Request, work: (db: Db, actor: SignedInActor) => Promise<Response>): Promise<Response> {
  const ctx = await createContext(request.headers);
  if (!isSignedIn(ctx.actor)) return failure(401, "Please sign in.");
  try {
    return await work(ctx.db, ctx.actor);
  } catch (error) {
    const answer = domainErrorResponse(error);
    if (answer) return answer;
    throw error;
  }
}
