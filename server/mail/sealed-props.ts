import { openText, sealText } from "../security/sealed-box";

/**
 * Email props that are credentials (a magic link's URL) never sit in the
 * outbox in clear: they are stored encrypted (AES-256-GCM under a key derived
 * from NEXTAUTH_SECRET), opened only to render the email, and removed from
 * the outbox row once it is sent.
 */
interface SealedValue {
  $sealed: string;
}

const purpose = "outbox-sealed-props";
const isSealed = (value: unknown): value is SealedValue => typeof value === "object" && value !== null && typeof (value as SealedValue).$sealed === "string";
export const removedAfterDelivery = "[removed after delivery]";

const seal = (value: string): SealedValue => ({ $sealed: sealText(purpose, value) });
const open = ({ $sealed }: SealedValue): string => openText(purpose, $sealed);

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
