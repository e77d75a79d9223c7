import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import { clock } from "../clock";
import { inTransaction, type Db } from "../db";
import { consumeConfirmationLink } from "../users/email-confirmation";
import { signInMessages } from "./messages";
import { verifyAgainstNothing, verifyPassword } from "./password";
import { markSignInAttemptSucceeded, reserveSignInAttempt } from "./rate-limit";

export type PasswordSignIn = { email: string; password: string; confirmationToken?: string };

/**
 * Email and password. The attempt is counted (atomically) before the password is
 * checked. An account whose address was never confirmed does not sign in,
 * unless the password comes with that address's confirmation link: whoever
 * set the password and whoever reads the mail are then the same person.
 * Throws Errors whose message the form shows (next-auth passes them through).
 */
export async function passwordSignIn(db: Db, input: PasswordSignIn, meta: Pick<RequestContext, "ip" | "userAgent">, now = clock.now()) {
  const reservation = await reserveSignInAttempt(db, input.email, meta.ip, now);
  if (reservation.limited) throw new Error(signInMessages.rateLimited(reservation.retryAfterMinutes));

  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, email: true, name: true, passwordHash: true, emailVerified: true } });
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!user || !ok) throw new Error(signInMessages.wrongCredentials);
  await markSignInAttemptSucceeded(db, reservation.attemptId);
  // Only with the right password is an unconfirmed account told apart from a wrong guess.
  if (!user.emailVerified && !input.confirmationToken) throw new Error(signInMessages.unconfirmed);

  const actor = { kind: "user" as const, userId: user.id, email: user.email, name: user.name, memberships: [] };
  await inTransaction(async (tx) => {
    if (!user.emailVerified) {
      if (!(await consumeConfirmationLink(tx, user.email, input.confirmationToken!, now))) throw new Error(signInMessages.confirmationLinkInvalid);
      await tx.user.updateMany({ where: { id: user.id, emailVerified: null }, data: { emailVerified: now } });
      await recordAudit(tx, { ...meta, actor }, { action: "user.email_confirmed", entityType: "User", entityId: user.id, after: { method: "confirmation-link" } });
    }
    await recordAudit(tx, { ...meta, actor }, { action: "user.signed_in", entityType: "User", entityId: user.id, after: { method: "password" } });
  }, db);
  return { id: user.id, email: user.email, name: user.name };
}
