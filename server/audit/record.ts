import type { Prisma, Tx } from "../db";
import { isSignedIn, type RequestContext } from "../access/actor";
import type { AuditAction, AuditEntityType } from "./actions";

export interface AuditEntry {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Writes the audit row inside the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const actor = ctx.actor;
  await tx.auditEvent.create({
    data: {
      actorId: isSignedIn(actor) ? actor.userId : null,
      actorEmail: isSignedIn(actor) ? actor.email : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      summary: { before: entry.before ?? null, after: entry.after ?? null } as Prisma.InputJsonValue,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    },
  });
}
