import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import type { RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import { db, inTransaction } from "../db";
import { nudgeOutbox } from "../jobs/boss";
import { lodestoneAdapter } from "./adapter";
import { clientIpFromHeaders } from "./client-ip";
import { enqueueMagicLink } from "./magic-link";
import { signInMessages } from "./messages";
import { passwordSignIn } from "./password-sign-in";
import { signInSchema } from "./schemas";
import { signInCallback, ssoProviderId } from "./sign-in-callback";

export { signInMessages };
export const magicLinkMinutes = 15;

type RequestMeta = Pick<RequestContext, "ip" | "userAgent">;

const passwordProvider = CredentialsProvider({
  id: "password",
  name: "Email and password",
  credentials: {
    email: { label: "Email", type: "email" },
    password: { label: "Password", type: "password" },
    confirmationToken: { label: "Confirmation token", type: "text" },
  },
  async authorize(credentials, req) {
    const parsed = signInSchema.safeParse({ ...credentials, confirmationToken: credentials?.confirmationToken || undefined });
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? signInMessages.wrongCredentials);
    const headers = req?.headers as Record<string, unknown> | undefined;
    const userAgent = typeof headers?.["user-agent"] === "string" ? headers["user-agent"] : null;
    return passwordSignIn(db, parsed.data, { ip: clientIpFromHeaders(headers), userAgent });
  },
});

/** Magic link by email; the message goes through the outbox like every other email. */
const magicLinkProvider: Provider = {
  id: "email",
  type: "email",
  name: "Email",
  server: "",
  from: "",
  maxAge: magicLinkMinutes * 60,
  options: {},
  async sendVerificationRequest({ identifier, url, token }) {
    if (await enqueueMagicLink(db, { identifier, url, token, expiresInMinutes: magicLinkMinutes })) await nudgeOutbox();
  },
} as Provider;

/** Facility single sign-on (e.g. Keycloak), on when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
function facilitySsoProvider(): Provider | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = process.env;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: ssoProviderId,
    name: process.env.OIDC_NAME ?? "Facility single sign-on",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    clientId,
    clientSecret,
    // Joins an existing account with the same address, but only once signInCallback has seen the provider's email_verified claim.
    allowDangerousEmailAccountLinking: true,
    profile(profile: { sub: string; email: string; name?: string; preferred_username?: string }) {
      return { id: profile.sub, email: profile.email.toLowerCase(), name: profile.name ?? profile.preferred_username ?? profile.email };
    },
  } as Provider;
}

/**
 * next-auth's options for one request: the sign-in callback and the audit rows
 * know the client's address. `authOptions` (no request) serves getServerSession.
 */
export function authOptionsFor(meta: RequestMeta): NextAuthOptions {
  return {
    adapter: lodestoneAdapter(db),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    secret: process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET,
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [passwordProvider, magicLinkProvider, ...[facilitySsoProvider()].filter((p): p is Provider => p !== null)],
    callbacks: {
      signIn: ({ user, account, profile, email }) => signInCallback(db, meta, { user, account, profile: profile as { email_verified?: unknown } | undefined, email }),
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        if (account?.provider === "password") return; // audited in passwordSignIn
        await inTransaction((tx) =>
          recordAudit(tx, { ...meta, actor: { kind: "user", userId: user.id, email: user.email ?? "", name: user.name ?? "", memberships: [] } }, {
            action: "user.signed_in",
            entityType: "User",
            entityId: user.id,
            after: { method: account?.provider ?? "unknown", email: user.email },
          }),
        );
      },
    },
  };
}

export const authOptions: NextAuthOptions = authOptionsFor({ ip: null, userAgent: null });

export const facilitySsoEnabled = () => facilitySsoProvider() !== null;
