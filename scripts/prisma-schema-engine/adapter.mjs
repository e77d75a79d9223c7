// The driver adapter the Wasm schema engine talks to PostgreSQL through:
// @prisma/adapter-pg, with three fixes for the way the schema engine uses it.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";

// PostgreSQL's internal one-byte `"char"` type (OID 18: pg_class.relkind,
// pg_constraint.contype, ...), which the schema describer selects, has no
// column-type mapping in adapter-pg ("Column type 'char' could not be
// deserialized"), and the describer wants those columns typed as a character.
// So: let adapter-pg read them as text (a one-letter string), then report the
// column as ColumnTypeEnum.Character.
const CHAR_OID = 18;
const TEXT_OID = 25;
const PATCHED = Symbol("lodestone.charColumns");

/** Patch the shared base class of adapter-pg's adapter and transactions, once. */
function patchCharColumns(adapter) {
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
  if (queryable[PATCHED]) return;
  queryable[PATCHED] = true;
  const { performIO, queryRaw } = queryable;
  queryable.performIO = async function (query) {
    const result = await performIO.call(this, query);
    const charColumns = [];
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        charColumns.push(i);
      }
    });
    // queryRaw returns this same rows array: carry the indices along on it.
    if (charColumns.length) result.rows[PATCHED] = charColumns;
    return result;
  };
  queryable.queryRaw = async function (query) {
    const result = await queryRaw.call(this, query);
    for (const i of result.rows[PATCHED] ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}

/** Connect adapter-pg to `connectionString`, with the fixes applied. */
async function connect(connectionString) {
  const adapter = await new PrismaPg({ connectionString }).connect();
  patchCharColumns(adapter);
  // adapter-pg splits scripts on every ";", which breaks migrations with
  // semicolons inside strings or function bodies ($$ ... $$). Send the whole
  // script as one simple-protocol query instead, as the native engine does.
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Run `sql` on a short-lived connection to `url`. */
export async function runAdminQuery(url, sql) {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // e.g. terminated by DROP ... WITH (FORCE)
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/**
 * The migration-aware adapter factory for SchemaEngine.new(). The shadow
 * database (used by `migrate dev` and `migrate diff --from-migrations`) is
 * created and dropped here rather than by adapter-pg, whose helper drops it
 * while its own pool still holds connections (the DROP then fails).
 */
export function createAdapterFactory({ url, shadowDatabaseUrl }) {
  const shadowDatabases = new Set();
  const factory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(url),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        // A configured shadow database: this Wasm engine replays migrations
        // into it without emptying it first, so empty its schema here.
        const schema = quoteIdent(new URL(shadowDatabaseUrl).searchParams.get("schema") ?? "public");
        await runAdminQuery(shadowDatabaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
        return connect(shadowDatabaseUrl);
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await runAdminQuery(url, `CREATE DATABASE ${quoteIdent(name)}`).catch((error) => {
        throw new Error(
          `Prisma Migrate could not create the shadow database: ${error.message}. ` +
            "Give the database user the CREATEDB privilege, or set datasource.shadowDatabaseUrl in prisma.config.ts.",
        );
      });
      shadowDatabases.add(name);
      const adapter = await connect(withDatabase(url, name));
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose(); // ends the pool
        await dropShadow(name);
      };
      return adapter;
    },
  };
  async function dropShadow(name) {
    if (!shadowDatabases.delete(name)) return;
    await runAdminQuery(url, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  }
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  /** Drop shadow databases the engine did not dispose of (after an error). */
  bound.dropLeftoverShadowDatabases = () => Promise.allSettled([...shadowDatabases].map(dropShadow));
  return bound;
}
