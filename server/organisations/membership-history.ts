import type { Db, Tx } from "../db";
import type { Membership } from "../generated/prisma/client";

/** One stretch of time during which a person belonged to an organisation (in some role). */
export interface MembershipSpan {
  organisationId: string;
  from: Date;
  /** Null while the membership is current. */
  until: Date | null;
}

/** Whether the span covers the instant: begun at or before it, and not ended by then. */
export function heldAt(span: MembershipSpan, at: Date): boolean {
  return span.from.getTime() <= at.getTime() && (span.until === null || span.until.getTime() > at.getTime());
}

/** Every membership the person has held, current ones (from "Membership") and ended ones (from "EndedMembership"). */
export async function membershipSpansOf(db: Db | Tx, userId: string): Promise<MembershipSpan[]> {
  const [current, ended] = await Promise.all([
    db.membership.findMany({ where: { userId }, select: { organisationId: true, createdAt: true } }),
    db.endedMembership.findMany({ where: { userId }, select: { organisationId: true, startedAt: true, endedAt: true } }),
  ]);
  return [
    ...current.map((m) => ({ organisationId: m.organisationId, from: m.createdAt, until: null })),
    ...ended.map((m) => ({ organisationId: m.organisationId, from: m.startedAt, until: m.endedAt })),
  ];
}

/**
 * Ends a membership: the row leaves "Membership" (so access and email stop at
 * once, everywhere) and is kept in "EndedMembership" with when it began and ended.
 */
export async function endMembership(tx: Tx, membership: Membership, by: { endedById: string | null; left: boolean }, now: Date): Promise<void> {
  await tx.endedMembership.create({
    data: {
      membershipId: membership.id,
      userId: membership.userId,
      organisationId: membership.organisationId,
      role: membership.role,
      authorisedSignatory: membership.authorisedSignatory,
      startedAt: membership.createdAt,
      // A membership created "after" now by a skewed test clock still ends no earlier than it began.
      endedAt: now.getTime() < membership.createdAt.getTime() ? membership.createdAt : now,
      endedById: by.endedById,
      left: by.left,
    },
  });
  await tx.membership.delete({ where: { id: membership.id } });
}

/** Membership changes in one organisation take turns, so "is anyone else left to manage it?" cannot race. */
export async function lockOrganisationMemberships(tx: Tx, organisationId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`memberships:${organisationId}`}))`;
}
