import type { z } from "zod";
import type { Actor } from "../access/actor";
import { panelSeatsOf } from "../access-requests/load-request";
import { Prisma, type Db } from "../db";
import type { AuditEvent } from "../generated/prisma/client";
import { loadAuditSubjects, subjectKey } from "./load-subjects";
import { auditScopeSql } from "./policy";
import { redactAuditEvent, type AuditRow } from "./redact";
import type { listAuditSchema } from "./schemas";

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Newest first, filtered, keyset-paginated by id; each row cut down to what the reader may read of its record. */
export async function listAuditEvents(db: Db, actor: Actor, input: z.output<typeof listAuditSchema>) {
  const filters = [
    await auditScopeSql(db, actor),
    input.action ? Prisma.sql`a.action LIKE ${`${likeEscaped(input.action)}%`}` : null,
    input.entityType ? Prisma.sql`a."entityType" = ${input.entityType}` : null,
    input.entityId ? Prisma.sql`a."entityId" = ${input.entityId}` : null,
    input.actorEmail ? Prisma.sql`a."actorEmail" ILIKE ${`%${likeEscaped(input.actorEmail)}%`}` : null,
    input.from ? Prisma.sql`a.at >= ${input.from}` : null,
    input.to ? Prisma.sql`a.at < ${input.to}` : null,
  ].filter((f): f is Prisma.Sql => f !== null);
  const where = Prisma.join(filters, " AND ");
  const page = input.cursor ? Prisma.sql`${where} AND a.id < ${input.cursor}` : where;
  const [events, [{ total }]] = await Promise.all([
    db.$queryRaw<AuditEvent[]>`SELECT a.* FROM "AuditEvent" a WHERE ${page} ORDER BY a.id DESC LIMIT ${input.limit + 1}`,
    db.$queryRaw<[{ total: number }]>`SELECT count(*)::int AS total FROM "AuditEvent" a WHERE ${where}`,
  ]);
  const hasMore = events.length > input.limit;
  const shown = hasMore ? events.slice(0, input.limit) : events;
  const [subjects, seats] = await Promise.all([loadAuditSubjects(db, shown), panelSeatsOf(db, actor)]);
  const rows: AuditRow[] = shown.map((e) => redactAuditEvent({ actor, seats }, e, subjects.get(subjectKey(e))!));
  return { events: rows, total, nextCursor: hasMore ? shown[shown.length - 1]!.id : null };
}
