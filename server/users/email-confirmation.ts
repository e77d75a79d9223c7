import { createHash, randomBytes } from "node:crypto";
import type { RequestContext } from "../access/actor";
import { enforceThrottle, throttles } from "../auth/throttle";
import { clock } from "../clock";
import type { Tx } from "../db";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl } from "../organisations/invitation-token";

export const confirmationLinkHours = 48;

/** Kept apart from next-auth's sign-in links (whose identifier is the bare address), so neither kind of link works as the other. */
export const confirmationIdentifier = (email: string) => `confirm-email:${email}`;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Emails a link that, with the account's password, confirms the address. Only
 * the token's hash is stored; an earlier link stops working.
 */
export async function sendConfirmationLink(tx: Tx, user: { id: string; email: string; name: string }, now = clock.now()): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  await tx.verificationToken.deleteMany({ where: { identifier: confirmationIdentifier(user.email) } });
  await tx.verificationToken.create({
    data: { identifier: confirmationIdentifier(user.email), token: hashToken(token), expires: new Date(now.getTime() + confirmationLinkHours * 3_600_000) },
  });
  await enqueueEmail(tx, {
    template: "confirm-email",
    to: user.email,
    props: { name: user.name, url: appUrl(`/signup/confirm?email=${encodeURIComponent(user.email)}&token=${token}`), expiresInHours: confirmationLinkHours },
    dedupeKey: `confirm-email:${user.id}:${hashToken(token).slice(0, 16)}`,
  });
}

/** Uses up a confirmation link: true when it was this address's live link. */
export async function consumeConfirmationLink(tx: Tx, email: string, token: string, now = clock.now()): Promise<boolean> {
  const deleted = await tx.verificationToken.deleteMany({
    where: { identifier: confirmationIdentifier(email), token: hashToken(token), expires: { gt: now } },
  });
  return deleted.count === 1;
}

/**
 * Sends a fresh confirmation link to an unconfirmed account with a password.
 * Says nothing either way, so it cannot be used to learn who has an account;
 * rate-limited per address and per IP since it sends mail.
 */
export async function resendConfirmationLink(tx: Tx, ctx: RequestContext, email: string, now = clock.now()): Promise<void> {
  await enforceThrottle(tx, throttles.confirmationLink, { address: email, ip: ctx.ip }, now);
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, emailVerified: true, passwordHash: true } });
  if (!user || user.emailVerified || !user.passwordHash) return;
  await sendConfirmationLink(tx, user, now);
}
