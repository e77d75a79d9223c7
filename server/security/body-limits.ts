/**
 * How large a request body each kind of route accepts. Next buffers a body for
 * the proxy up to experimental.proxyClientMaxBodySize (set to the largest cap
 * in next.config.ts), so nothing larger is ever held in memory; the proxy then
 * refuses a body whose declared length is over its route's cap before the
 * route reads it.
 */
const caps: { prefix: string; bytes: number; what: string }[] = [
  // A safety data sheet of at most 5 MB travels base64-encoded inside a tRPC call.
  { prefix: "/api/trpc/", bytes: 8 * 1024 * 1024, what: "A request to the portal" },
  // An instrument's CSV export uploaded into a run: a million rows of time and a few columns is about 44 MB.
  { prefix: "/api/runs/", bytes: 48 * 1024 * 1024, what: "An upload to a run" },
  { prefix: "/api/webhooks/", bytes: 1024 * 1024, what: "A webhook event" },
  { prefix: "/api/auth/", bytes: 32 * 1024, what: "A sign-in request" },
  { prefix: "/signin/submit", bytes: 32 * 1024, what: "A sign-in request" },
];
const otherwise = { bytes: 1024 * 1024, what: "A request" };

/** The largest body any route accepts: what Next may buffer at most. */
export const largestBodyBytes = Math.max(otherwise.bytes, ...caps.map((c) => c.bytes));

export function bodyCapFor(pathname: string) {
  return caps.find((c) => pathname.startsWith(c.prefix)) ?? otherwise;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** Why a request is refused before its body is read (413), or null when its declared length fits. */
export function oversizedBody(pathname: string, contentLength: string | null): string | null {
  if (contentLength === null) return null;
  const declared = Number(contentLength);
  const cap = bodyCapFor(pathname);
  if (!Number.isFinite(declared) || declared <= cap.bytes) return null;
  // Just over the cap rounds to the cap itself: then say the bytes.
  const declaredSize = size(declared) === size(cap.bytes) ? `${declared.toLocaleString("en-GB")} bytes` : size(declared);
  return `${cap.what} may carry at most ${size(cap.bytes)}; this one declared ${declaredSize}.`;
}
