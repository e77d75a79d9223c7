import path from "node:path";
import pg from "pg";
import { run, root } from "./process";
import { startEmbeddedPostgres, type LocalDatabase } from "./embedded-postgres";

/** Applies every committed migration (the same command production uses). */
export async function migrate(url: string): Promise<void> {
  await run("prisma", ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, label: "prisma migrate deploy", stdio: ["ignore", "ignore", "inherit"] });
}

export async function isSeeded(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM "Organisation") AS seeded`);
    return Boolean(rows[0]?.seeded);
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when given (nothing embedded starts), otherwise the demo's persistent embedded server. */
export async function demoDatabase(log: (msg: string) => void): Promise<LocalDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  return startEmbeddedPostgres({
    dataDir: path.join(root, ".data/postgres"),
    port: Number(process.env.LODESTONE_DB_PORT ?? 54329),
    database: "lodestone",
    persistent: true,
    log,
  });
}

/** A second database on the same server, created fresh. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops and recreates the database `url` names (connecting through the server's "postgres" database), for a demo started afresh. */
export async function emptyDatabase(url: string): Promise<void> {
  const server = new URL(url);
  const name = decodeURIComponent(server.pathname.slice(1));
  server.pathname = "/postgres";
  await recreateDatabase(server.toString(), name);
}
