import type { z } from "zod";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { signUpSchema } from "../auth/schemas";
import type { Tx } from "../db";
import { conflict } from "../errors";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl } from "../organisations/invitation-token";

export const duplicateAccountMessage = "An account with this email already exists. Sign in, or ask for a sign-in link if you forgot the password.";

/** Creates an account. Joining an organisation is a separate step (invitation, registration or an admin). */
export async function signUp(tx: Tx, ctx: RequestContext, input: z.output<typeof signUpSchema>) {
  const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (taken) throw conflict(duplicateAccountMessage, "email");
  const passwordHash = await hashPassword(input.password);
  // The unique index on email is the real guard against two simultaneous sign-ups.
  const created = await tx.user.createMany({ data: [{ email: input.email, name: input.name, passwordHash }], skipDuplicates: true });
  if (created.count === 0) throw conflict(duplicateAccountMessage, "email");
  const user = await tx.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true, email: true, name: true } });
  await enqueueEmail(tx, { template: "welcome", to: user.email, props: { name: user.name, dashboardUrl: appUrl("/dashboard") }, dedupeKey: `welcome:${user.id}` });
  await recordAudit(tx, { ...ctx, actor: { kind: "user", userId: user.id, email: user.email, name: user.name, memberships: [] } }, {
    action: "user.signed_up",
    entityType: "User",
    entityId: user.id,
    after: { email: user.email, name: user.name },
  });
  return user;
}
