import path from "node:path";
import pg from "pg";
import { run, root } from "./process";
import { DataDirInUseError, type LocalDatabase } from "./embedded-postgres";
import { superviseEmbeddedPostgres, type Supervision } from "./supervised-postgres";

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

/**
 * DATABASE_URL when given (nothing embedded starts), otherwise the demo's
 * persistent embedded server, restarted if it exits by itself (see supervised-postgres.ts).
 */
export async function demoDatabase(supervision: Supervision): Promise<LocalDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const port = Number(process.env.LODESTONE_DB_PORT ?? 54329);
  try {
    return await superviseEmbeddedPostgres({ dataDir: path.join(root, ".data/postgres"), port, database: "lodestone", persistent: true }, supervision);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error.cause instanceof DataDirInUseError) {
      throw new Error(
        `${error.message}\nAnother launcher already runs this checkout's database, and PostgreSQL cannot share a data directory. ` +
          `Stop it (Ctrl-C in its terminal), or, while it runs, start a second portal on the same data: ` +
          `PORT=${process.env.PORT ?? 3001} DATABASE_URL=postgresql://lodestone:lodestone@127.0.0.1:${port}/lodestone npm run demo. ` +
          `(A demo in another checkout has data of its own: give it a PORT and LODESTONE_DB_PORT of its own.)`,
        { cause: error },
      );
    }
    if (/address already in use/i.test(error.message)) {
      throw new Error(`${error.message}\nPort ${port} is taken (by another checkout's demo?): choose a free one, e.g. LODESTONE_DB_PORT=${port + 1} npm run demo.`, { cause: error });
    }
    throw error;
  }
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
