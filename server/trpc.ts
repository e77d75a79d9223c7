import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { RequestContext } from "./access/actor";
import { decide, type AccessRule } from "./access/rules";
import type { Db } from "./db";
import { DomainError, toTRPCError } from "./errors";

export interface TrpcContext extends RequestContext {
  db: Db;
}

export interface ProcedureMeta {
  /** Required on every procedure: who may call it. A procedure without it refuses everyone. */
  access?: AccessRule;
}

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          ...shape.data,
          // Field-level messages for the form: { fieldPath: message }.
          fieldErrors:
            cause instanceof ZodError
              ? Object.fromEntries(cause.issues.map((issue) => [issue.path.join("."), issue.message]))
              : cause instanceof DomainError && cause.fieldErrors
                ? cause.fieldErrors
                : cause instanceof DomainError && cause.field
                  ? { [cause.field]: cause.message }
                  : null,
        },
      };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Enforces the procedure's access rule before its input is even parsed, then maps domain errors. */
const enforceAccess = t.middleware(async ({ meta, ctx, next, path }) => {
  const rule = meta?.access;
  if (!rule) throw new TRPCError({ code: "FORBIDDEN", message: `Procedure ${path} declares no access rule.` });
  const decision = decide(rule, ctx.actor);
  if (decision === "unauthenticated") throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
  if (decision === "forbidden") throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

/** The only procedure builder routers use; pair it with `.meta({ access })`. */
export const procedure = t.procedure.use(enforceAccess);
