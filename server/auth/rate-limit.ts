import type { Db } from "../db";
import { clock } from "../clock";

/** Failed sign-ins allowed in the window before further attempts are refused. */
export const signInLimits = { windowMinutes: 15, perAccount: 5, perIp: 30 } as const;

export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterMinutes: number };

/**
 * Counts recent failures for the account and for the address. A success resets
 * the account's count (only failures after the last success count).
 */
export async function checkSignInRateLimit(db: Db, email: string, ip: string, now = clock.now()): Promise<RateLimitVerdict> {
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
    db.signInAttempt.findMany({
      where: { ip, succeeded: false, at: { gte: since } },
      orderBy: { at: "asc" },
      select: { at: true },
    }),
  ]);
  const over = (failures: { at: Date }[], limit: number) => failures.length >= limit ? failures[failures.length - limit]!.at : null;
  const blockingSince = [over(accountFailures, signInLimits.perAccount), over(ipFailures, signInLimits.perIp)].filter((d): d is Date => d !== null);
  if (blockingSince.length === 0) return { limited: false };
  const oldest = Math.max(...blockingSince.map((d) => d.getTime()));
  const retryAfterMinutes = Math.max(1, Math.ceil((oldest + signInLimits.windowMinutes * 60_000 - now.getTime()) / 60_000));
  return { limited: true, retryAfterMinutes };
}

export async function recordSignInAttempt(db: Db, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.signInAttempt.create({ data: { email, ip, succeeded } });
}
