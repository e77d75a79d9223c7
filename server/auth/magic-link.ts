import { inTransaction, type Db } from "../db";
import { enqueueEmail } from "../mail/enqueue";
import { sha256Hex } from "../security/server-secret";

/**
 * Puts a magic-link email in the outbox; false for an unknown address, which
 * gets nothing, so the form cannot be used to discover who has an account.
 * The link is a credential: it is sealed in the outbox row (and removed once
 * sent), and the dedupe key holds only the token's hash.
 */
export async function enqueueMagicLink(db: Db, link: { identifier: string; url: string; token: string; expiresInMinutes: number }): Promise<boolean> {
  const user = await db.user.findUnique({ where: { email: link.identifier.toLowerCase() }, select: { id: true } });
  if (!user) return false;
  await inTransaction(
    (tx) => enqueueEmail(tx, { template: "magic-link", to: link.identifier, props: { url: link.url, expiresInMinutes: link.expiresInMinutes }, sealed: ["url"], dedupeKey: `magic-link:${sha256Hex(link.token)}` }),
    db,
  );
  return true;
}
