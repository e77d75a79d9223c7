import type { Db, Tx } from "../db";
import { conflict } from "../errors";
import { formatFacilityDateTime } from "../time";
import { clock } from "../clock";

const occupying = ["HELD", "CONFIRMED"] as const;

/**
 * Holds whose time ran out stop occupying the calendar, each with its audit
 * row in the same transaction. Called before every placement on an endstation
 * and swept every minute by a job.
 */
export async function expireStaleHolds(tx: Tx, where: { endstationId?: string } = {}, now = clock.now()): Promise<number> {
  const expired = await tx.$queryRaw<{ id: string; reference: string }[]>`
    UPDATE "Booking" SET state = 'EXPIRED', "updatedAt" = now()
    WHERE state = 'HELD' AND "holdExpiresAt" <= ${now} AND (${where.endstationId ?? null}::text IS NULL OR "endstationId" = ${where.endstationId ?? null})
    RETURNING id, reference`;
  if (expired.length > 0) {
    await tx.auditEvent.createMany({
      data: expired.map((b) => ({ action: "booking.hold_expired", entityType: "Booking", entityId: b.id, summary: { before: { state: "HELD" }, after: { state: "EXPIRED", reference: b.reference } } })),
    });
  }
  return expired.length;
}

/** The first held or confirmed entry overlapping [startsAt, endsAt) on the endstation, if any. */
export function findOverlap(tx: Tx | Db, endstationId: string, startsAt: Date, endsAt: Date, exceptBookingId?: string) {
  return tx.booking.findFirst({
    where: { endstationId, state: { in: [...occupying] }, startsAt: { lt: endsAt }, endsAt: { gt: startsAt }, ...(exceptBookingId ? { id: { not: exceptBookingId } } : {}) },
    orderBy: { startsAt: "asc" },
    include: { endstation: { include: { facility: { select: { timeZone: true } } } } },
  });
}

/** "S07 Micro-tomography is taken from 14 May 2027 08:00 Europe/London by BK-27-00042 (…)". */
export function overlapMessage(b: NonNullable<Awaited<ReturnType<typeof findOverlap>>>): string {
  const zone = b.endstation.facility.timeZone;
  const what = b.kind === "REQUEST" || b.kind === "BLOCK" ? b.title : `${b.kind.replaceAll("_", " ").toLowerCase()}: ${b.title}`;
  return `${b.endstation.name} is taken from ${formatFacilityDateTime(b.startsAt, zone)} to ${formatFacilityDateTime(b.endsAt, zone)} by ${b.reference} (${what}${b.state === "HELD" ? ", held" : ""}).`;
}

export async function assertFree(tx: Tx | Db, endstationId: string, startsAt: Date, endsAt: Date, exceptBookingId?: string) {
  const overlap = await findOverlap(tx, endstationId, startsAt, endsAt, exceptBookingId);
  if (overlap) throw conflict(overlapMessage(overlap), "startsAt");
}

/** True for the error PostgreSQL raises when the exclusion constraint refuses an overlap. */
export function isOverlapViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? "")}` : String(error);
  return text.includes("23P01") || text.includes("booking_no_overlap") || text.includes("block_session_no_overlap") || text.includes("exclusion constraint");
}
