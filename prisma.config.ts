import path from "node:path";
import { defineConfig } from "prisma/config";

// These machines cannot download Prisma's native schema engine; a Node stand-in
// built on @prisma/schema-engine-wasm speaks the same protocol (see scripts/).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "scripts/prisma-schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://lodestone:lodestone@127.0.0.1:54329/lodestone" },
});
