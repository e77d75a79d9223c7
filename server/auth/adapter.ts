import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { clock } from "../clock";
import type { Db } from "../db";

const toAdapterUser = (u: { id: string; email: string; name: string; emailVerified: Date | null }): AdapterUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  emailVerified: u.emailVerified,
});

const userFields = { id: true, email: true, name: true, emailVerified: true } as const;

/**
 * The part of next-auth's adapter contract that magic links and single sign-on
 * need. Sessions are JWTs, so no session table. Emails are stored lower-cased.
 */
export function lodestoneAdapter(db: Db): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      // next-auth creates accounts only for a sign-in link (address proven) or single sign-on, which
      // signInCallback lets through only when the provider verified the address; it passes null for the latter.
      const emailVerified = user.emailVerified ?? clock.now();
      const created = await db.user.create({
        data: { email: user.email.toLowerCase(), name: user.name ?? user.email.split("@")[0]!, emailVerified },
        select: userFields,
      });
      return toAdapterUser(created);
    },
    async getUser(id) {
      const user = await db.user.findUnique({ where: { id }, select: userFields });
      return user && toAdapterUser(user);
    },
    async getUserByEmail(email) {
      const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: userFields });
      return user && toAdapterUser(user);
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { user: { select: userFields } },
      });
      return account && toAdapterUser(account.user);
    },
    async updateUser({ id, name, emailVerified }) {
      const user = await db.user.update({
        where: { id },
        data: { ...(name ? { name } : {}), ...(emailVerified !== undefined ? { emailVerified } : {}) },
        select: userFields,
      });
      return toAdapterUser(user);
    },
    async linkAccount(account: AdapterAccount) {
      await db.account.create({
        data: { userId: account.userId, type: account.type, provider: account.provider, providerAccountId: account.providerAccountId },
      });
    },
    async createVerificationToken(token) {
      await db.verificationToken.create({ data: token });
      return token;
    },
    /** Deletes as it reads, so a link works once; next-auth then checks `expires`. */
    async useVerificationToken({ identifier, token }) {
      const rows = await db.$queryRaw<{ identifier: string; token: string; expires: Date }[]>`
        DELETE FROM "VerificationToken" WHERE identifier = ${identifier} AND token = ${token}
        RETURNING identifier, token, expires`;
      return rows[0] ?? null;
    },
  };
}
