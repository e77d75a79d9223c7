import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { signUpSchema } from "../auth/schemas";
import { clock } from "../clock";
import type { Tx } from "../db";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl, hashInvitationToken } from "../organisations/invitation-token";
import { sendConfirmationLink } from "./email-confirmation";

/**
 * Creates an account, usable once its address is confirmed: the confirmation
 * link is emailed, and opening it with the password activates the account.
 * Someone who arrived from an invitation link has already shown they read that
 * address's mail, so their account is confirmed at once. Joining an
 * organisation is a separate step (invitation, registration or an admin).
 *
 * An address that already has an account gets the same answer ("check your
 * email") and, by email, a note to its owner to sign in instead: the page
 * never tells anyone which addresses have accounts. The password is hashed
 * either way, so the time taken tells nothing either.
 */
export async function signUp(tx: Tx, ctx: RequestContext, input: z.output<typeof signUpSchema>, now = clock.now()): Promise<{ email: string; confirmed: boolean }> {
  const passwordHash = await hashPassword(input.password);
  const confirmed = input.invitationToken ? await invitedHere(tx, input.email, input.invitationToken, now) : false;
  // The unique index on email is the real guard against two simultaneous sign-ups.
  const created = await tx.user.createMany({
    data: [{ email: input.email, name: input.name, passwordHash, emailVerified: confirmed ? now : null }],
    skipDuplicates: true,
  });
  if (created.count === 0) {
    const owner = await tx.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true, name: true } });
    // One note an hour at most, however often the address is tried (the throttle also limits attempts).
    const hour = Math.floor(now.getTime() / 3_600_000);
    await enqueueEmail(tx, { template: "account-exists", to: input.email, props: { name: owner.name, signInUrl: appUrl("/signin") }, dedupeKey: `account-exists:${owner.id}:${hour}` });
    return { email: input.email, confirmed: false };
  }
  const user = await tx.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true, email: true, name: true } });
  if (confirmed) {
    await enqueueEmail(tx, { template: "welcome", to: user.email, props: { name: user.name, dashboardUrl: appUrl("/dashboard") }, dedupeKey: `welcome:${user.id}` });
  } else {
    await sendConfirmationLink(tx, user, now);
  }
  await recordAudit(tx, { ...ctx, actor: { kind: "user", userId: user.id, email: user.email, name: user.name, memberships: [] } }, {
    action: "user.signed_up",
    entityType: "User",
    entityId: user.id,
    after: { email: user.email, name: user.name, confirmed, ...(confirmed ? { confirmedBy: "invitation" } : {}) },
  });
  return { email: user.email, confirmed };
}

/** A live invitation to this very address, whose link only that mailbox received. */
async function invitedHere(tx: Tx, email: string, token: string, now: Date): Promise<boolean> {
  const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, select: { email: true, status: true, expiresAt: true } });
  return invitation !== null && invitation.status === "PENDING" && invitation.expiresAt > now && invitation.email.toLowerCase() === email;
}
