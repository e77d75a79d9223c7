import { NextResponse, type NextRequest } from "next/server";

/** Passes the requested path to server components, so sign-in can send people back where they were going. */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-lodestone-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

// Pages only: the API, Next's assets and the files in public/ (icons, manifest, robots.txt, link-preview image)
// never pass through here, so they stay reachable without signing in whatever this function comes to check.
export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|apple-touch-icon.png|icons/|manifest.webmanifest|robots.txt|og-image.png).*)"],
};
