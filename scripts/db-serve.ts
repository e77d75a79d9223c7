// `npm run db`: the persistent local PostgreSQL the demo uses, in the
// foreground until Ctrl-C. While it runs, `npx prisma migrate dev` works with
// the default URL in prisma.config.ts.
import path from "node:path";
import { registerShutdown, startEmbeddedPostgres } from "./lib/embedded-postgres";

if (process.env.DATABASE_URL) {
  console.log("DATABASE_URL is set, so the embedded PostgreSQL is not needed: prisma and the app use that database.");
  process.exit(0);
}

const port = Number(process.env.LODESTONE_DB_PORT ?? 54329);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`LODESTONE_DB_PORT must be a port number, got "${process.env.LODESTONE_DB_PORT}"`);
  process.exit(1);
}

const dataDir = path.join(import.meta.dirname, "..", ".data", "postgres");
try {
  const db = await startEmbeddedPostgres({
    dataDir,
    port,
    database: "lodestone",
    persistent: true,
    log: process.env.LODESTONE_DB_LOG ? (msg) => console.log(`[postgres] ${msg}`) : undefined,
  });
  registerShutdown(async () => {
    console.log("\nStopping PostgreSQL...");
    await db.stop();
    console.log("PostgreSQL stopped.");
  });
  console.log(`PostgreSQL is running (data in ${path.relative(process.cwd(), dataDir) || dataDir}).`);
  console.log(`  DATABASE_URL=${db.url}`);
  if (port !== 54329) console.log("  (not the default port: export that DATABASE_URL for prisma and the app)");
  console.log("Press Ctrl-C to stop.");
  // The server child process keeps the event loop alive until Ctrl-C.
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
