import type { z } from "zod";
import type { Actor } from "../access/actor";
import type { Db } from "../db";
import { auditScope } from "./policy";
import type { listAuditSchema } from "./schemas";

/** Newest first, filtered, keyset-paginated by id. */
export async function listAuditEvents(db: Db, actor: Actor, input: z.output<typeof listAuditSchema>) {
  const where = {
    AND: [
      await auditScope(db, actor),
      input.action ? { action: { startsWith: input.action } } : {},
      input.entityType ? { entityType: input.entityType } : {},
      input.entityId ? { entityId: input.entityId } : {},
      input.actorEmail ? { actorEmail: { contains: input.actorEmail, mode: "insensitive" as const } } : {},
      input.from || input.to ? { at: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } } : {},
      input.cursor ? { id: { lt: input.cursor } } : {},
    ],
  };
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: input.limit + 1 }),
    db.auditEvent.count({ where: { AND: where.AND.slice(0, -1) } }),
  ]);
  const hasMore = events.length > input.limit;
  const page = hasMore ? events.slice(0, input.limit) : events;
  return { events: page, total, nextCursor: hasMore ? page[page.length - 1]!.id : null };
}
