// The portal's HTTP security headers, in one place. proxy.ts applies them to every page and API
// response, next.config.ts the fixed ones to Next's static files, and the download helper the
// sandbox to files people upload. No imports: next.config.ts loads this file at build time.

/**
 * What a path serves, which decides its Content-Security-Policy:
 * - page: HTML rendered by Next, whose scripts carry the request's nonce;
 * - document: a PDF the portal generates and the browser shows inline (Chrome's viewer needs
 *   inline styles and an embed from this origin, so it cannot be sandboxed);
 * - api: JSON, calendars, CSV, webhooks, auth redirects and uploaded files, never meant to render.
 */
export type ResponseKind = "page" | "document" | "api";

export function responseKindOf(pathname: string): ResponseKind {
  if (pathname !== "/api" && !pathname.startsWith("/api/")) return "page";
  return /^\/api\/[^?#]+\/(pdf|labels)$/.test(pathname) ? "document" : "api";
}

/** Nothing in an API or uploaded-file response may run, load or be framed, even if a browser renders it. */
export const sandboxPolicy = "sandbox; default-src 'none'; frame-ancestors 'none'";

// No nonce in style-src on purpose: a nonce there makes browsers ignore 'unsafe-inline', and
// React renders style="" attributes (the decision clock's bar, emails in the dev mailbox).
function pagePolicy(nonce: string, { https, dev }: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next's nonced scripts load are trusted through them. React
    // needs eval only in development, for its debugging stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

const documentPolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The receipt desk reads labels with a keyboard-wedge scanner, so no page needs the camera. */
export const permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/** Headers that do not depend on the request: for every response, Next's static files included. */
export const fixedSecurityHeaders: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": permissionsPolicy,
  "x-frame-options": "DENY",
};

export const hstsValue = "max-age=63072000; includeSubDomains";

export interface SecurityContext {
  pathname: string;
  /** Fresh per request; only pages use it. */
  nonce: string;
  /** Served over https (directly, behind a proxy, or as NEXTAUTH_URL says). */
  https: boolean;
  dev: boolean;
}

/** Every security header for one response. */
export function securityHeaders({ pathname, nonce, https, dev }: SecurityContext): Record<string, string> {
  const kind = responseKindOf(pathname);
  const csp = kind === "page" ? pagePolicy(nonce, { https, dev }) : kind === "document" ? documentPolicy : sandboxPolicy;
  return {
    ...fixedSecurityHeaders,
    "content-security-policy": csp,
    ...(https ? { "strict-transport-security": hstsValue } : {}),
  };
}

/** For files people upload (a safety data sheet): saved, never shown, never sniffed into HTML. */
export const userFileHeaders: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "content-security-policy": sandboxPolicy,
};

/** 128 random bits, base64: unguessable, and in the character set CSP allows for nonces. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** https as the browser sees it: the request itself, a TLS-terminating proxy, or the configured public URL. */
export function servedOverHttps(url: URL, forwardedProto: string | null, publicUrl: string | undefined): boolean {
  return url.protocol === "https:" || forwardedProto?.split(",")[0]?.trim() === "https" || Boolean(publicUrl?.startsWith("https://"));
}
