import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * How an outside runner (an external executor, or acquisition software
 * posting scans) signs its HTTP requests, and how the portal checks them.
 * Pure: no database, no clock of its own (the caller passes `now`).
 *
 * The runner holds a key id and a secret (shown once when a facility admin
 * registers it). For every request it signs the canonical string
 *
 *   METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(SHA-256(body bytes))
 *
 * with HMAC-SHA256, keyed by the secret exactly as shown (its UTF-8 bytes),
 * and sends
 *
 *   X-Lodestone-Key:       the key id
 *   X-Lodestone-Timestamp: unix seconds, within ±300 s of the portal's clock
 *   X-Lodestone-Nonce:     16–64 of [A-Za-z0-9_-], never used twice
 *   X-Lodestone-Signature: v1=<64 lower-case hex digits>
 *
 * PATH is the URL's path without query (e.g. /api/executors/claim); METHOD
 * is upper case. The body is hashed as the exact bytes sent, so the portal
 * verifies the raw body before parsing it. Replays inside the time window are
 * refused by the caller, which remembers each (key, nonce).
 */

export const signatureHeaders = {
  key: "x-lodestone-key",
  timestamp: "x-lodestone-timestamp",
  nonce: "x-lodestone-nonce",
  signature: "x-lodestone-signature",
} as const;

/** How far a request's timestamp may be from the portal's clock, either way. */
export const clockSkewSeconds = 300;

const keyIdPattern = /^[A-Za-z0-9_-]{8,64}$/;
const noncePattern = /^[A-Za-z0-9_-]{16,64}$/;
const timestampPattern = /^\d{1,12}$/;
const signaturePattern = /^v1=([0-9a-fA-F]{64})$/;

export type Body = string | Uint8Array;

/** Headers as a fetch `Headers` or a plain object (names in any case). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export type VerifyFailure =
  | "missing_header"
  | "malformed_key"
  | "malformed_timestamp"
  | "stale_timestamp"
  | "future_timestamp"
  | "malformed_nonce"
  | "malformed_signature"
  | "bad_signature";

export type VerifyResult = { ok: true } | { ok: false; code: VerifyFailure; reason: string };

export interface SignedHeaders {
  keyId: string;
  timestamp: number;
  nonce: string;
  /** The 32 bytes of the signature. */
  signature: Buffer;
}

export const bodySha256Hex = (body: Body) => createHash("sha256").update(typeof body === "string" ? Buffer.from(body, "utf8") : body).digest("hex");

/** The string that is signed. */
export function canonicalString(input: { method: string; path: string; timestamp: number | string; nonce: string; body: Body }): string {
  return [input.method.toUpperCase(), input.path, String(input.timestamp), input.nonce, bodySha256Hex(input.body)].join("\n");
}

const hmac = (secret: string, canonical: string) => createHmac("sha256", Buffer.from(secret, "utf8")).update(canonical, "utf8").digest();

/** A fresh nonce: 24 random bytes, base64url (32 characters). */
export const newNonce = () => randomBytes(24).toString("base64url");

/**
 * The four headers for a request. Used by the tests and by runners written in
 * Node; the timestamp is `now` in unix seconds unless given, the nonce fresh unless given.
 */
export function signRequest(input: { keyId: string; secret: string; method: string; path: string; body: Body; now: Date; timestamp?: number; nonce?: string }): Record<string, string> {
  const timestamp = input.timestamp ?? Math.floor(input.now.getTime() / 1000);
  const nonce = input.nonce ?? newNonce();
  const signature = hmac(input.secret, canonicalString({ method: input.method, path: input.path, timestamp, nonce, body: input.body })).toString("hex");
  return {
    "X-Lodestone-Key": input.keyId,
    "X-Lodestone-Timestamp": String(timestamp),
    "X-Lodestone-Nonce": nonce,
    "X-Lodestone-Signature": `v1=${signature}`,
  };
}

function header(headers: HeaderSource, name: string): string | null {
  // Headers joins a repeated header with ", ", which then fails the format checks.
  if (headers instanceof Headers) return headers.get(name);
  const keys = Object.keys(headers).filter((k) => k.toLowerCase() === name);
  if (keys.length === 0) return null;
  const values = keys.flatMap((k) => headers[k] ?? []);
  if (values.length === 0) return null;
  // A header sent twice is ambiguous: join it like Headers does, so it is refused as malformed rather than one picked.
  return values.join(", ");
}

const fail = (code: VerifyFailure, reason: string): { ok: false; code: VerifyFailure; reason: string } => ({ ok: false, code, reason });

/** Reads and checks the shape of the four headers (not the signature itself, not the clock). */
export function readSignedHeaders(headers: HeaderSource): { ok: true; value: SignedHeaders } | { ok: false; code: VerifyFailure; reason: string } {
  const keyId = header(headers, signatureHeaders.key);
  const timestamp = header(headers, signatureHeaders.timestamp);
  const nonce = header(headers, signatureHeaders.nonce);
  const signature = header(headers, signatureHeaders.signature);
  const missing = [
    [keyId, "X-Lodestone-Key"],
    [timestamp, "X-Lodestone-Timestamp"],
    [nonce, "X-Lodestone-Nonce"],
    [signature, "X-Lodestone-Signature"],
  ]
    .filter(([value]) => value === null || value === "")
    .map(([, name]) => name);
  if (missing.length > 0) return fail("missing_header", `The request is not signed: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing.`);
  if (!keyIdPattern.test(keyId!)) return fail("malformed_key", "X-Lodestone-Key is not a key id (8–64 letters, digits, _ or -).");
  if (!timestampPattern.test(timestamp!)) return fail("malformed_timestamp", "X-Lodestone-Timestamp is the time in whole seconds since 1970 (digits only, not milliseconds).");
  if (!noncePattern.test(nonce!)) return fail("malformed_nonce", "X-Lodestone-Nonce is 16–64 letters, digits, _ or -.");
  const hex = signaturePattern.exec(signature!);
  if (!hex) return fail("malformed_signature", "X-Lodestone-Signature is v1= followed by the HMAC-SHA256 in 64 hexadecimal digits.");
  return { ok: true, value: { keyId: keyId!, timestamp: Number(timestamp), nonce: nonce!, signature: Buffer.from(hex[1]!, "hex") } };
}

/**
 * Checks a request against the runner's secret: well-formed headers, a
 * timestamp within ±300 s of `now`, and the signature over the exact body.
 * Compared in constant time. Whether the nonce was used before is the
 * caller's to check (it needs storage).
 */
export function verifyRequest(input: { method: string; path: string; body: Body; headers: HeaderSource; secret: string; now: Date; skewSeconds?: number }): VerifyResult {
  const read = readSignedHeaders(input.headers);
  if (!read.ok) return read;
  const { timestamp, nonce, signature } = read.value;
  const skew = input.skewSeconds ?? clockSkewSeconds;
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  if (timestamp < nowSeconds - skew) return fail("stale_timestamp", `X-Lodestone-Timestamp is ${nowSeconds - timestamp} s old; a request is accepted for ${skew} s (check the runner's clock).`);
  if (timestamp > nowSeconds + skew) return fail("future_timestamp", `X-Lodestone-Timestamp is ${timestamp - nowSeconds} s ahead of the portal's clock; at most ${skew} s is accepted (check the runner's clock).`);
  const expected = hmac(input.secret, canonicalString({ method: input.method, path: input.path, timestamp, nonce, body: input.body }));
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    return fail("bad_signature", "The signature does not match: sign METHOD, path, timestamp, nonce and the body's SHA-256 with this key's secret.");
  }
  return { ok: true };
}
