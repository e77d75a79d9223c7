import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import { clock } from "../clock";
import type { Tx } from "../db";
import { confirmationIdentifier } from "./email-confirmation";

/**
 * Someone just proved they own `email` (a sign-in link opened, or single
 * sign-on whose provider verified the address). If an account with that
 * address was never confirmed, whoever created it may not be its owner: the
 * owner takes it over. Its password (chosen by that someone) is cleared, and its
 * memberships are removed, since the owner never agreed to them; the audit row
 * lists them so an admin can restore any that were wanted. Since this change
 * an unconfirmed account cannot sign in, so it cannot accept an invitation or
 * register an organisation: only accounts created before it can hold any.
 */
export async function claimAddress(
  tx: Tx,
  meta: Pick<RequestContext, "ip" | "userAgent">,
  email: string,
  method: "sign-in-link" | "facility-sso",
  now = clock.now(),
): Promise<{ claimed: boolean }> {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, emailVerified: true, passwordHash: true } });
  if (!user || user.emailVerified) return { claimed: false };
  // Conditional: of two sign-ins at once, one takes the account over and the other finds it confirmed.
  const claimed = await tx.user.updateMany({ where: { id: user.id, emailVerified: null }, data: { emailVerified: now, passwordHash: null } });
  if (claimed.count === 0) return { claimed: false };
  const memberships = await tx.membership.findMany({ where: { userId: user.id }, select: { organisationId: true, role: true } });
  await tx.membership.deleteMany({ where: { userId: user.id } });
  await tx.verificationToken.deleteMany({ where: { identifier: confirmationIdentifier(user.email) } });
  const actor = { kind: "user" as const, userId: user.id, email: user.email, name: user.name, memberships: [] };
  await recordAudit(tx, { ...meta, actor }, {
    action: "user.address_claimed",
    entityType: "User",
    entityId: user.id,
    before: { confirmed: false, passwordSet: user.passwordHash !== null, memberships },
    after: { confirmed: true, passwordSet: false, memberships: [], method },
  });
  return { claimed: true };
}
