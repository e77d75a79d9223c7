import { NextResponse, type NextRequest } from "next/server";
import { oversizedBody } from "./server/security/body-limits";
import { newNonce, securityHeaders, servedOverHttps } from "./server/security/headers";

/**
 * Runs before every page and API route: refuses a body larger than its route accepts, passes the
 * requested path to server components (so sign-in can send people back where they were going)
 * and sets the security headers. Next reads
 * the nonce from the request's Content-Security-Policy and puts it on the scripts it renders.
 */
export function proxy(request: NextRequest) {
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce: newNonce(),
    https: servedOverHttps(request.nextUrl, request.headers.get("x-forwarded-proto"), process.env.NEXTAUTH_URL),
    dev: process.env.NODE_ENV === "development",
  });
  const tooLarge = oversizedBody(request.nextUrl.pathname, request.headers.get("content-length"));
  if (tooLarge) {
    const refused = NextResponse.json({ error: tooLarge }, { status: 413, headers: { connection: "close", "cache-control": "no-store" } });
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }
  const forwarded = new Headers(request.headers);
  forwarded.set("x-lodestone-path", request.nextUrl.pathname + request.nextUrl.search);
  forwarded.set("content-security-policy", headers["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  // Headers set here win over a route's own (Next keeps the first value), so each kind of
  // response gets its policy from securityHeaders, the download sandbox included.
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Everything but Next's build output and the files in public/ (icons, manifest, robots.txt,
// link-preview image), which next.config.ts gives the fixed headers and which stay reachable
// without signing in whatever this function comes to check.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|apple-touch-icon.png|icons/|manifest.webmanifest|robots.txt|og-image.png).*)"],
};
