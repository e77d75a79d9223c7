import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "./server-secret";

/**
 * Secrets the portal must read back (a sign-in link waiting in the outbox, an
 * external runner's HMAC key) are kept as AES-256-GCM ciphertext under a key
 * derived from the server secret for one purpose each, stored as
 * base64url(iv ‖ tag ‖ ciphertext). A copy of the database alone opens none.
 */
export function sealText(purpose: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(purpose), iv);
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The text; throws when it was not sealed for this purpose under this server's secret. */
export function openText(purpose: string, sealed: string): string {
  const raw = Buffer.from(sealed, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey(purpose), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
