import { inTransaction, type Db, type Tx } from "../db";
import { clock } from "../clock";

/** Failed sign-ins allowed in the window before further attempts are refused. */
export const signInLimits = { windowMinutes: 15, perAccount: 5, perIp: 30 } as const;

export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterMinutes: number };
export type SignInReservation = { limited: false; attemptId: bigint } | { limited: true; retryAfterMinutes: number };

/** Serialises, until the transaction ends, everyone counting against the same key. */
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}

/**
 * Counts recent failures for the account and for the address (none for an
 * unknown address, which would otherwise lump everyone together). A success
 * resets the account's count (only failures after the last success count).
 */
export async function checkSignInRateLimit(db: Tx, email: string, ip: string | null, now = clock.now()): Promise<RateLimitVerdict> {
  const since = new Date(now.getTime() - signInLimits.windowMinutes * 60_000);
  const lastSuccess = await db.signInAttempt.findFirst({
    where: { email, succeeded: true, at: { gte: since } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const [accountFailures, ipFailures] = await Promise.all([
    db.signInAttempt.findMany({
      where: { email, succeeded: false, at: { gte: lastSuccess?.at ?? since } },
      orderBy: { at: "asc" },
      select: { at: true },
    }),
    ip === null
      ? []
      : db.signInAttempt.findMany({
          where: { ip, succeeded: false, at: { gte: since } },
          orderBy: { at: "asc" },
          select: { at: true },
        }),
  ]);
  return verdictFor([[accountFailures, signInLimits.perAccount], [ipFailures, signInLimits.perIp]], signInLimits.windowMinutes, now);
}

/** Limited while any list holds `limit` entries in the window; free again when the oldest of those leaves it. */
export function verdictFor(counted: [{ at: Date }[], number][], windowMinutes: number, now: Date): RateLimitVerdict {
  const blockingSince = counted
    .filter(([entries, limit]) => entries.length >= limit)
    .map(([entries, limit]) => entries[entries.length - limit]!.at.getTime());
  if (blockingSince.length === 0) return { limited: false };
  const retryAfterMinutes = Math.max(1, Math.ceil((Math.max(...blockingSince) + windowMinutes * 60_000 - now.getTime()) / 60_000));
  return { limited: true, retryAfterMinutes };
}

/**
 * Checks the limit and, if there is room, records the attempt as a failure in
 * the same locked transaction, before the password is checked. Concurrent
 * attempts on one account (or from one address) take turns here, so each sees
 * the ones before it: a burst of parallel guesses cannot all slip under the
 * limit. A right password then turns the reservation into a success.
 */
export async function reserveSignInAttempt(db: Db, email: string, ip: string | null, now = clock.now()): Promise<SignInReservation> {
  return inTransaction(async (tx) => {
    // Always the account first, then the address: a fixed order cannot deadlock.
    await lockKey(tx, `sign-in:account:${email}`);
    if (ip !== null) await lockKey(tx, `sign-in:ip:${ip}`);
    const verdict = await checkSignInRateLimit(tx, email, ip, now);
    if (verdict.limited) return verdict;
    const attempt = await tx.signInAttempt.create({ data: { email, ip: ip ?? "unknown", succeeded: false, at: now }, select: { id: true } });
    return { limited: false, attemptId: attempt.id };
  }, db);
}

export async function markSignInAttemptSucceeded(db: Db, attemptId: bigint): Promise<void> {
  await db.signInAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}
