// The benchmark's database: a throwaway embedded PostgreSQL (deleted on stop),
// or a fresh `lodestone_bench` database on the server in BENCH_DATABASE_URL.
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate, recreateDatabase } from "../scripts/lib/database";
import { startEmbeddedPostgres, type LocalDatabase } from "../scripts/lib/embedded-postgres";
import { run } from "../scripts/lib/process";
import { config } from "./config";

const name = "lodestone_bench";

export async function benchDatabase(): Promise<LocalDatabase> {
  if (config.databaseUrl) return { url: await recreateDatabase(config.databaseUrl, name), stop: async () => {} };
  return startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `lodestone-bench-pg-${process.pid}`), port: config.dbPort, database: name, persistent: false });
}

/** The committed migrations, then the demo world (the synthetic staff user borrows a demo password hash). */
export async function migrateAndSeed(url: string): Promise<void> {
  await migrate(url);
  await run("tsx", ["prisma/seed.ts", "--quiet"], { env: { ...process.env, DATABASE_URL: url }, label: "seed" });
}

export async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version ?? "unknown";
  } finally {
    await client.end();
  }
}
