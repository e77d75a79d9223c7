import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { derivedKey } from "../security/server-secret";

/**
 * Email props that are credentials (a magic link's URL) never sit in the
 * outbox in clear: they are stored encrypted (AES-256-GCM under a key derived
 * from NEXTAUTH_SECRET), opened only to render the email, and removed from
 * the outbox row once it is sent.
 */
interface SealedValue {
  $sealed: string;
}

const key = () => derivedKey("outbox-sealed-props");
const isSealed = (value: unknown): value is SealedValue => typeof value === "object" && value !== null && typeof (value as SealedValue).$sealed === "string";
export const removedAfterDelivery = "[removed after delivery]";

function seal(value: string): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return { $sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url") };
}

function open({ $sealed }: SealedValue): string {
  const raw = Buffer.from($sealed, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

const mapValues = (props: unknown, f: (value: unknown, key: string) => unknown): unknown =>
  typeof props === "object" && props !== null && !Array.isArray(props) ? Object.fromEntries(Object.entries(props).map(([k, v]) => [k, f(v, k)])) : props;

/** The props with the named (string) values encrypted, for storing in the outbox. */
export function sealProps<P extends object>(props: P, keys: readonly (keyof P & string)[]): unknown {
  return mapValues(props, (value, k) => (keys.includes(k as keyof P & string) && typeof value === "string" ? seal(value) : value));
}

/** The props as the template needs them, sealed values opened. */
export const openProps = (props: unknown): unknown => mapValues(props, (value) => (isSealed(value) ? open(value) : value));

/** The props to keep once the message is sent: sealed values gone; null when there was nothing sealed. */
export function propsAfterDelivery(props: unknown): unknown {
  let sealed = false;
  const kept = mapValues(props, (value) => (isSealed(value) ? ((sealed = true), removedAfterDelivery) : value));
  return sealed ? kept : null;
}
