import { createHash, createHmac } from "node:crypto";

// Only for development and tests: production refuses to start deriving keys without a real secret.
const developmentSecret = "lodestone-development-secret-not-for-production";

function serverSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (secret) return secret;
  if (process.env.NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET is not set: it is needed to derive the portal's keys.");
  return developmentSecret;
}

/** A 32-byte key for one purpose, derived from the server secret, so purposes never share a key. */
export function derivedKey(purpose: string): Buffer {
  return createHmac("sha256", serverSecret()).update(`lodestone:${purpose}`).digest();
}

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");
