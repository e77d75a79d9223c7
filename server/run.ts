import { TRPCError } from "@trpc/server";
import { isSignedIn, type RequestContext, type SignedInActor } from "./access/actor";
import { inTransaction, type Tx } from "./db";
import { nudgeOutbox } from "./jobs/boss";
import type { TrpcContext } from "./trpc";

export type SignedInContext = RequestContext & { actor: SignedInActor };

export function requireUser(ctx: RequestContext): SignedInContext {
  if (!isSignedIn(ctx.actor)) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
  return ctx as SignedInContext;
}

/**
 * Runs a state change in one transaction (change + audit row + outbox
 * message), then asks the mail worker to deliver what was queued.
 */
export async function runMutation<T>(ctx: TrpcContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await inTransaction(work, ctx.db);
  await nudgeOutbox();
  return result;
}
