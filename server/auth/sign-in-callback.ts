import type { RequestContext } from "../access/actor";
import { clock } from "../clock";
import { inTransaction, type Db } from "../db";
import { claimAddress } from "../users/claim-address";
import { signInErrorCodes } from "./messages";
import { takeThrottleSlot, throttles } from "./throttle";

export const ssoProviderId = "facility-sso";

export interface SignInCallbackParams {
  user: { email?: string | null };
  account: { provider: string; providerAccountId: string } | null;
  profile?: { email_verified?: unknown } | undefined;
  email?: { verificationRequest?: boolean } | undefined;
}

/** OIDC says `email_verified: true`; some providers send the string. Anything else is not a verified address. */
export const providerVerifiedAddress = (profile: SignInCallbackParams["profile"]) => profile?.email_verified === true || profile?.email_verified === "true";

/**
 * next-auth's signIn callback: true lets the sign-in go on, a URL sends the
 * person back with an error code. Passwords are handled in passwordSignIn.
 * - Asking for a sign-in link is rate-limited per address and per IP.
 * - Opening a sign-in link proves the address: an unconfirmed account with it
 *   is taken over by its owner (claimAddress) before next-auth signs them in.
 * - Single sign-on joins an account by address only when the provider says it
 *   verified that address; an identity already linked signs in as before.
 */
export async function signInCallback(db: Db, meta: Pick<RequestContext, "ip" | "userAgent">, params: SignInCallbackParams, now = clock.now()): Promise<true | string> {
  const { account, user } = params;
  const email = user.email?.toLowerCase();
  if (!account || !email) return true;
  if (account.provider === "email") {
    if (params.email?.verificationRequest) {
      const verdict = await inTransaction((tx) => takeThrottleSlot(tx, throttles.signInLink, { address: email, ip: meta.ip }, now), db);
      return verdict.limited ? `/signin?error=${signInErrorCodes.signInLinkLimited}` : true;
    }
    await inTransaction((tx) => claimAddress(tx, meta, email, "sign-in-link", now), db);
    return true;
  }
  if (account.provider === ssoProviderId) {
    const linked = await db.account.findUnique({ where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } }, select: { id: true } });
    if (linked) return true;
    if (!providerVerifiedAddress(params.profile)) return `/signin?error=${signInErrorCodes.ssoAddressUnverified}`;
    await inTransaction((tx) => claimAddress(tx, meta, email, "facility-sso", now), db);
    return true;
  }
  return true;
}
