import { clock } from "../clock";
import type { Tx } from "../db";
import { DomainError } from "../errors";
import { lockKey, verdictFor, type RateLimitVerdict } from "./rate-limit";

export interface Throttle {
  name: string;
  windowMinutes: number;
  /** Requests allowed in the window for one email address (the one signed up, sent a link, invited). */
  perAddress: number;
  /** Requests allowed in the window from one client IP (see client-ip.ts). */
  perIp: number;
  /** What the person is told, with the minutes until they may try again. */
  message: (minutes: number) => string;
}

const inMinutes = (minutes: number) => `${minutes} minute${minutes === 1 ? "" : "s"}`;

/** Requests that send email or reveal whether an address has an account: limited so they cannot be used to flood a mailbox or probe. */
export const throttles = {
  signUp: {
    name: "sign-up",
    windowMinutes: 60,
    perAddress: 3,
    perIp: 20,
    message: (m) => `Too many accounts were asked for from here or for this address. Try again in ${inMinutes(m)}.`,
  },
  signInLink: {
    name: "sign-in-link",
    windowMinutes: 15,
    perAddress: 3,
    perIp: 30,
    message: (m) => `Too many sign-in links were asked for. Use the last link we sent, or try again in ${inMinutes(m)}.`,
  },
  confirmationLink: {
    name: "confirmation-link",
    windowMinutes: 60,
    perAddress: 3,
    perIp: 20,
    message: (m) => `Too many confirmation links were asked for. Use the last link we sent, or try again in ${inMinutes(m)}.`,
  },
  invitation: {
    name: "invitation",
    windowMinutes: 60,
    perAddress: 5,
    perIp: 100,
    message: (m) => `Too many invitations were sent from here or to this address in the last hour. Try again in ${inMinutes(m)}.`,
  },
} as const satisfies Record<string, Throttle>;

/**
 * Counts this request against the address and the IP and says whether it is over
 * the limit; a request over the limit is not counted. Runs in the caller's
 * transaction: the advisory locks make concurrent requests for the same bucket
 * take turns until it commits, so a burst cannot all pass the check together
 * (and a request whose transaction rolls back leaves no count).
 */
export async function takeThrottleSlot(tx: Tx, throttle: Throttle, who: { address: string; ip: string | null }, now = clock.now()): Promise<RateLimitVerdict> {
  const buckets: [string, number][] = [[`${throttle.name}:address:${who.address.toLowerCase()}`, throttle.perAddress]];
  // An unknown IP is not one client: a shared bucket for all of them would let anyone lock everyone out.
  if (who.ip !== null) buckets.push([`${throttle.name}:ip:${who.ip}`, throttle.perIp]);
  for (const [bucket] of buckets) await lockKey(tx, bucket);
  const since = new Date(now.getTime() - throttle.windowMinutes * 60_000);
  const counted = await Promise.all(
    buckets.map(async ([bucket, limit]): Promise<[{ at: Date }[], number]> => [
      await tx.rateLimitHit.findMany({ where: { bucket, at: { gte: since } }, orderBy: { at: "asc" }, select: { at: true } }),
      limit,
    ]),
  );
  const verdict = verdictFor(counted, throttle.windowMinutes, now);
  if (!verdict.limited) await tx.rateLimitHit.createMany({ data: buckets.map(([bucket]) => ({ bucket, at: now })) });
  return verdict;
}

/** As takeThrottleSlot, but refuses the request (429) with the throttle's message. */
export async function enforceThrottle(tx: Tx, throttle: Throttle, who: { address: string; ip: string | null }, now = clock.now()): Promise<void> {
  const verdict = await takeThrottleSlot(tx, throttle, who, now);
  if (verdict.limited) throw new DomainError("TOO_MANY_REQUESTS", throttle.message(verdict.retryAfterMinutes));
}
