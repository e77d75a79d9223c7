import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { signUpSchema } from "../auth/schemas";
import { clock } from "../clock";
import type { Tx } from "../db";
import { conflict } from "../errors";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl, hashInvitationToken } from "../organisations/invitation-token";
import { sendConfirmationLink } from "./email-confirmation";

export const duplicateAccountMessage = "An account with this email already exists. Sign in, or ask for a sign-in link if you forgot the password.";

/**
 * Creates an account, usable once its address is confirmed: the confirmation
 * link is emailed, and opening it with the password activates the account.
 * Someone who arrived from an invitation link has already shown they read that
 * address's mail, so their account is confirmed at once. Joining an
 * organisation is a separate step (invitation, registration or an admin).
 */
export async function signUp(tx: Tx, ctx: RequestContext, input: z.output<typeof signUpSchema>, now = clock.now()) {
  const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (taken) throw conflict(duplicateAccountMessage, "email");
  const confirmed = input.invitationToken ? await invitedHere(tx, input.email, input.invitationToken, now) : false;
  const passwordHash = await hashPassword(input.password);
  // The unique index on email is the real guard against two simultaneous sign-ups.
  const created = await tx.user.createMany({
    data: [{ email: input.email, name: input.name, passwordHash, emailVerified: confirmed ? now : null }],
    skipDuplicates: true,
  });
  if (created.count === 0) throw conflict(duplicateAccountMessage, "email");
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
  return { ...user, confirmed };
}

/** A live invitation to this very address, whose link only that mailbox received. */
async function invitedHere(tx: Tx, email: string, token: string, now: Date): Promise<boolean> {
  const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) }, select: { email: true, status: true, expiresAt: true } });
  return invitation !== null && invitation.status === "PENDING" && invitation.expiresAt > now && invitation.email.toLowerCase() === email;
}
