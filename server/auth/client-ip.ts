import { isIP } from "node:net";

/**
 * The socket peer, written by the server for every request (see stampSocketPeers).
 * Next's own server only fills X-Forwarded-For when the client sent none, so the
 * peer is otherwise lost whenever a client forges that header.
 */
export const peerHeader = "x-lodestone-peer";

/** How many reverse proxies in front of the portal append to X-Forwarded-For: TRUST_PROXY_HOPS, default 0. */
export function trustedProxyHops(value: string | undefined = process.env.TRUST_PROXY_HOPS): number {
  if (value === undefined || value.trim() === "") return 0;
  if (!/^\d+$/.test(value.trim())) throw new Error(`TRUST_PROXY_HOPS must be a whole number of proxies (0 when the portal faces the internet directly), not "${value}".`);
  return Number(value.trim());
}

/** An address as a proxy may write it ("1.2.3.4:5678", "[::1]:80", "::ffff:1.2.3.4"), plain; null when it is not an address. */
export function normaliseAddress(raw: string | null | undefined): string | null {
  let address = raw?.trim() ?? "";
  const bracketed = address.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address.toLowerCase() : null;
}

/**
 * The client's address, believing only the proxies we run. With 0 hops it is the
 * socket peer; with N it is the Nth entry from the right of X-Forwarded-For, the
 * one our outermost proxy wrote (everything left of it is whatever the client
 * sent). A header shorter than N means fewer proxies than configured: its
 * leftmost entry is then the furthest one known. Null when nothing usable is known.
 */
export function clientIp(request: { peer: string | null | undefined; forwardedFor: string | null | undefined }, hops: number): string | null {
  if (hops <= 0) return normaliseAddress(request.peer);
  const entries = (request.forwardedFor ?? "").split(",").map((e) => e.trim()).filter((e) => e !== "");
  if (entries.length === 0) return normaliseAddress(request.peer);
  return normaliseAddress(entries[Math.max(0, entries.length - hops)]);
}

type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return typeof value === "string" ? value : Array.isArray(value) ? value.join(", ") : null;
}

/** The client's address for a request's headers (Fetch Headers or next-auth's plain object). */
export function clientIpFromHeaders(headers: HeaderSource, hops = trustedProxyHops()): string | null {
  return clientIp({ peer: header(headers, peerHeader), forwardedFor: header(headers, "x-forwarded-for") }, hops);
}
