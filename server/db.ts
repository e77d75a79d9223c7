import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "./generated/prisma/client";

export { Prisma };
export type Tx = Prisma.TransactionClient;
export type Db = PrismaClient;

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the portal with `npm run demo`, or set DATABASE_URL to a PostgreSQL 15+ database.");
  return url;
}

export function createPrismaClient(url = databaseUrl()): PrismaClient {
  // Bursts (concurrent bookings) wait for a free connection rather than failing after the default 2 s.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10), connectionTimeoutMillis: 15_000 }) });
}

// One client per server process; Next's dev server reloads modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { lodestonePrisma?: PrismaClient };

export function getDb(): PrismaClient {
  globalForPrisma.lodestonePrisma ??= createPrismaClient();
  return globalForPrisma.lodestonePrisma;
}

/** The lazily created shared client; importing this module never opens a connection. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * Runs `work` in one transaction; state change, audit row and outbox message
 * commit together. In a burst a transaction waits for a free connection as
 * long as the pool does (Prisma's own default gives up after 2 s).
 */
export function inTransaction<T>(work: (tx: Tx) => Promise<T>, client: PrismaClient = getDb()): Promise<T> {
  return client.$transaction(work, { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, maxWait: 15_000, timeout: 15_000 });
}
