import postgres from "postgres";
import { databaseUrl } from "./db";

/**
 * A postgres.js client for the bulk work Prisma does not do: `COPY … FROM
 * STDIN` (series chunks) and reading many bytea rows at once. One per server
 * process, kept on globalThis across Next's dev reloads and created on first
 * use. At most 4 connections, so a few large imports at once cannot take
 * Prisma's pool away from everyone else; idle ones close after a minute.
 *
 * It is a different connection from Prisma's: work that must commit together
 * with rows Prisma writes cannot be split between the two (see
 * runs/import-series.ts, which does the whole import in one postgres.js
 * transaction for that reason).
 */
const globalForBulk = globalThis as unknown as { lodestoneBulkSql?: postgres.Sql };

export function bulkSql(): postgres.Sql {
  globalForBulk.lodestoneBulkSql ??= createBulkSql(databaseUrl());
  return globalForBulk.lodestoneBulkSql;
}

export function createBulkSql(url: string): postgres.Sql {
  // Prisma-style URLs may carry ?schema=…, which PostgreSQL would refuse as a startup parameter.
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  return postgres(parsed.toString(), {
    max: 4,
    idle_timeout: 60,
    connect_timeout: 15,
    onnotice: () => {},
    ...(schema ? { connection: { search_path: schema } } : {}),
  });
}

/** Closes the process's bulk connections (tests, scripts); the next bulkSql() opens new ones. */
export async function closeBulkSql(): Promise<void> {
  const sql = globalForBulk.lodestoneBulkSql;
  globalForBulk.lodestoneBulkSql = undefined;
  await sql?.end({ timeout: 5 });
}
