#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the Prisma 7 CLI
// would download (impossible on machines that reach only the npm registry).
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here.
//
// The CLI starts the engine in one of two ways:
//   schema-engine [--datamodels PATH]... [--datasource JSON]
//       a JSON-RPC 2.0 server, one JSON message per line on stdin/stdout;
//       each method maps 1:1 to the SchemaEngine class of
//       @prisma/schema-engine-wasm, which reaches PostgreSQL via adapter-pg;
//   schema-engine --datasource JSON cli can-connect-to-database|create-database|drop-database
//       one-shot checks, done here with `pg` directly.
// and `schema-engine --version` for `prisma version`.
// Logs go to stderr as JSON lines, like the native engine's.
import { readFileSync } from "node:fs";
import readline from "node:readline";
import { createAdapterFactory, runAdminQuery, withDatabase } from "./prisma-schema-engine/adapter.mjs";
import { isPanic, loadSchemaEngineWasm, panics } from "./prisma-schema-engine/wasm.mjs";

// --- command line ------------------------------------------------------------
const args = { datamodels: [], datasource: {}, cli: null, version: false };
for (let argv = process.argv.slice(2), i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === "--datamodels") args.datamodels.push(argv[++i]);
  else if (arg === "--datasource") args.datasource = JSON.parse(argv[++i]);
  else if (arg === "--version" || arg === "-V") args.version = true;
  else if (arg === "cli") args.cli = argv[++i];
  else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++; // not used by the Wasm engine
}

const log = (level, fields, target = "schema_engine::logger") =>
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`);

// --- one-shot commands -------------------------------------------------------
// On failure the CLI skips the first stderr line, parses every other line as
// JSON and reports `fields.error_code` / `fields.message` of the ERROR line
// (P1003 "database does not exist" makes `migrate dev` create it).
async function runOneShot(command, url) {
  try {
    if (!url) throw new Error("No datasource URL was given (--datasource).");
    const database = databaseName(url);
    if (command === "can-connect-to-database") {
      await runAdminQuery(url, "SELECT 1");
    } else if (command === "create-database") {
      await runOnMaintenanceDb(url, `CREATE DATABASE ${quote(database)}`);
      console.log(`Database '${database}' was successfully created.`);
    } else if (command === "drop-database") {
      await runOnMaintenanceDb(url, `DROP DATABASE ${quote(database)} WITH (FORCE)`);
      console.log(`The database '${database}' was successfully dropped.`);
    } else {
      throw new Error(`Unknown command: cli ${command}`);
    }
    process.exit(0);
  } catch (error) {
    const { code, message } = userFacingError(error, url);
    process.stderr.write(`Error: ${message.split("\n")[0]}\n`);
    log("ERROR", { is_panic: false, error_code: code, message });
    process.exit(1);
  }
}

/** CREATE/DROP DATABASE must run while connected to another database. */
async function runOnMaintenanceDb(url, sql) {
  try {
    await runAdminQuery(withDatabase(url, "postgres"), sql);
  } catch (error) {
    if (error.code !== "3D000") throw error; // no "postgres" database: use template1
    await runAdminQuery(withDatabase(url, "template1"), sql);
  }
}

const quote = (name) => `"${name.replaceAll('"', '""')}"`;
const databaseName = (url) => decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";

/** The native engine's error codes for connection problems (P1xxx). */
function userFacingError(error, url) {
  let location = "";
  try {
    const u = new URL(url);
    location = `${u.hostname}:${u.port || 5432}`;
  } catch {}
  const code = error?.code;
  if (code === "3D000")
    return { code: "P1003", message: `Database \`${databaseName(url)}\` does not exist on the database server at \`${location}\`.` };
  if (code === "42P04") return { code: "P1009", message: `Database \`${databaseName(url)}\` already exists on the database server at \`${location}\`` };
  if (code === "28P01" || code === "28000")
    return {
      code: "P1000",
      message: `Authentication failed against database server, the provided database credentials for \`${decodeURIComponent(new URL(url).username)}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${location}\`.`,
    };
  if (["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET"].includes(code))
    return { code: "P1001", message: `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.` };
  return { code: undefined, message: String(error?.message ?? error) };
}

// --- JSON-RPC server ---------------------------------------------------------
async function serveRpc() {
  const wasm = await loadSchemaEngineWasm();
  const factory = createAdapterFactory(args.datasource);
  const datamodels = args.datamodels.length ? args.datamodels.map((path) => [path, readFileSync(path, "utf8")]) : undefined;
  // SchemaEngine.new() already queries the database. If that fails (server
  // down), keep serving and answer each request with that error, so that the
  // CLI shows it (the native engine connects lazily).
  const engineReady = wasm.SchemaEngine.new({ datamodels }, (line) => process.stderr.write(`${line.trimEnd()}\n`), factory);
  engineReady.catch(() => {});

  const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);

  // Requests *to* the CLI: only `print`, whose answer arrives on stdin.
  const pendingPrints = new Map();
  let printId = 0;
  const print = (content) =>
    new Promise((resolve) => {
      const id = `print-${++printId}`;
      pendingPrints.set(id, resolve);
      send({ id, method: "print", params: { content } });
    });

  // evaluateDataLoss and createMigration get no adapter factory in the Wasm
  // engine: they read the schema of the migration history from a cache that
  // diagnoseMigrationHistory fills (replaying the migrations in a shadow
  // database), and only when the database is up to date -- in `migrate dev`,
  // only after applyMigrations. Without it they fail with "PostgreSQL shadow
  // DB must be provided through an external factory". So diagnose first; a
  // cache hit makes that cheap.
  const fillMigrationSchemaCache = (engine, { migrationsList, filters }) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: true, filters });
  const methods = {
    // Renamed in the Wasm API.
    getDatabaseVersion: (engine, params) => engine.version(params ?? null),
    // Not in the Wasm API.
    createDatabase: async (_engine, params) => {
      const url = params?.datasource?.url ?? args.datasource.url;
      await runOnMaintenanceDb(url, `CREATE DATABASE ${quote(databaseName(url))}`);
      return { databaseName: databaseName(url) };
    },
    // The native engine prints the diff through the CLI rather than returning it.
    diff: async (engine, params) => {
      const { stdout, ...rest } = await engine.diff(params);
      if (stdout) await print(stdout.replace(/\n$/, ""));
      return rest;
    },
    evaluateDataLoss: async (engine, params) => {
      await fillMigrationSchemaCache(engine, params);
      return engine.evaluateDataLoss(params);
    },
    createMigration: async (engine, params) => {
      await fillMigrationSchemaCache(engine, params);
      return engine.createMigration(params);
    },
  };

  const call = async ({ method, params }) => {
    const isEngineMethod = typeof wasm.SchemaEngine.prototype[method] === "function" && !["free", "constructor"].includes(method);
    if (!methods[method] && !isEngineMethod) throw Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 });
    const engine = await engineReady;
    return methods[method] ? methods[method](engine, params) : engine[method](params);
  };

  // Handle requests one at a time, in order, as the native engine does.
  let queue = Promise.resolve();
  let current; // id of the request being handled
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return send({ id: null, error: { code: -32700, message: "Parse error" } });
    }
    if (message.method === undefined) {
      // The CLI's answer to one of our print requests.
      pendingPrints.get(message.id)?.();
      pendingPrints.delete(message.id);
      return;
    }
    queue = queue.then(async () => {
      current = message.id;
      try {
        const result = await call(message);
        send({ id: message.id, result: result ?? null });
      } catch (error) {
        send({ id: message.id, error: rpcError(error, factory) });
        if (isPanic(error)) shutdown(101); // the Wasm instance is unusable now
      }
      current = undefined;
    });
  });

  // A panic inside a Wasm future surfaces as an uncaught trap rather than as
  // a rejection of the request's promise: answer the request, then exit.
  process.on("uncaughtException", (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    if (current !== undefined) send({ id: current, error: rpcError(error, factory) });
    shutdown(101);
  });

  // The CLI ends stdin, then kills the engine (SIGTERM) at once.
  let exiting = false;
  async function shutdown(code) {
    if (exiting) return;
    exiting = true;
    setTimeout(() => process.exit(code), 5000).unref();
    await factory.dropLeftoverShadowDatabases();
    process.exit(code);
  }
  input.on("close", () => queue.finally(() => shutdown(0)));
  process.on("SIGTERM", () => shutdown(0));
  process.on("SIGINT", () => shutdown(130));
}

/** An error in the native engine's JSON-RPC shape, which the CLI decodes. */
function rpcError(error, factory) {
  if (error?.rpcCode) return { code: error.rpcCode, message: error.message };
  const data = isPanic(error)
    ? { is_panic: true, message: panics.message || String(error), error: { message: panics.message || String(error) } }
    : { is_panic: false, message: String(error?.message ?? error) };
  if (!data.is_panic && error?.code) {
    data.error_code = error.code;
    data.meta = error.meta ?? {};
  }
  // A JS exception inside the adapter reaches the engine only as an id into
  // the adapter's error registry: put its message back.
  const jsErrors = factory.errorRegistry.registeredErrors.splice(0).filter(Boolean);
  if (jsErrors.length) data.message += jsErrors.map(({ error: e }) => `\n${e?.message ?? e}`).join("");
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

// --- main (last, so that every const above is initialised) -----------------
if (args.version) {
  const { version } = await loadSchemaEngineWasm();
  console.log(`schema-engine-cli ${version()}`);
} else if (args.cli) {
  await runOneShot(args.cli, args.datasource.url);
} else {
  await serveRpc();
}
