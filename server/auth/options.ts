import type { NextAuthOptions } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAudit } from "../audit/record";
import { db, inTransaction } from "../db";
import { nudgeOutbox } from "../jobs/boss";
import { enqueueEmail } from "../mail/enqueue";
import { lodestoneAdapter } from "./adapter";
import { verifyAgainstNothing, verifyPassword } from "./password";
import { checkSignInRateLimit, recordSignInAttempt } from "./rate-limit";
import { signInSchema } from "./schemas";

export const magicLinkMinutes = 15;

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || (typeof headers?.["x-real-ip"] === "string" ? (headers["x-real-ip"] as string) : "unknown");
}

export const signInMessages = {
  wrongCredentials: "The email or password is not right. Check both and try again, or use a sign-in link.",
  rateLimited: (minutes: number) => `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or use a sign-in link.`,
} as const;

const passwordProvider = CredentialsProvider({
  id: "password",
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(credentials, req) {
    const parsed = signInSchema.safeParse(credentials);
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? signInMessages.wrongCredentials);
    const email = parsed.data.email;
    const ip = clientIp(req?.headers as Record<string, unknown> | undefined);
    const userAgent = typeof req?.headers?.["user-agent"] === "string" ? req.headers["user-agent"] : null;

    const verdict = await checkSignInRateLimit(db, email, ip);
    if (verdict.limited) throw new Error(signInMessages.rateLimited(verdict.retryAfterMinutes));

    const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
    const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, parsed.data.password) : await verifyAgainstNothing(parsed.data.password);
    await recordSignInAttempt(db, email, ip, ok);
    if (!user || !ok) throw new Error(signInMessages.wrongCredentials);

    await inTransaction((tx) =>
      recordAudit(tx, { actor: { kind: "user", userId: user.id, email: user.email, name: user.name, memberships: [] }, ip, userAgent }, {
        action: "user.signed_in",
        entityType: "User",
        entityId: user.id,
        after: { method: "password" },
      }),
    );
    return { id: user.id, email: user.email, name: user.name };
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
    const user = await db.user.findUnique({ where: { email: identifier.toLowerCase() }, select: { id: true } });
    // Unknown addresses get nothing, so the form cannot be used to discover who has an account.
    if (!user) return;
    await inTransaction((tx) =>
      enqueueEmail(tx, { template: "magic-link", to: identifier, props: { url, expiresInMinutes: magicLinkMinutes }, dedupeKey: `magic-link:${token}` }),
    );
    await nudgeOutbox();
  },
} as Provider;

/** Facility single sign-on (e.g. Keycloak), on when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
function facilitySsoProvider(): Provider | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = process.env;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "facility-sso",
    name: process.env.OIDC_NAME ?? "Facility single sign-on",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    clientId,
    clientSecret,
    // The facility's identity provider vouches for the address, so an existing account with it is linked.
    allowDangerousEmailAccountLinking: true,
    profile(profile: { sub: string; email: string; name?: string; preferred_username?: string }) {
      return { id: profile.sub, email: profile.email.toLowerCase(), name: profile.name ?? profile.preferred_username ?? profile.email };
    },
  } as Provider;
}

export const authOptions: NextAuthOptions = {
  adapter: lodestoneAdapter(db),
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  secret: process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET,
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
  providers: [passwordProvider, magicLinkProvider, ...[facilitySsoProvider()].filter((p): p is Provider => p !== null)],
  callbacks: {
    async session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
  events: {
    async signIn({ user, account }) {
      if (account?.provider === "password") return; // audited in authorize, where the IP is known
      await inTransaction((tx) =>
        // next-auth gives events no request, so the address is unknown here.
        recordAudit(tx, { actor: { kind: "user", userId: user.id, email: user.email ?? "", name: user.name ?? "", memberships: [] }, ip: null, userAgent: null }, {
          action: "user.signed_in",
          entityType: "User",
          entityId: user.id,
          after: { method: account?.provider ?? "unknown", email: user.email },
        }),
      );
    },
  },
};

export const facilitySsoEnabled = () => facilitySsoProvider() !== null;
