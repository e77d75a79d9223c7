// A real single-node SLURM for tests (Debian 12's slurm-wlm 22.05, root, no
// systemd): munged, slurmctld, slurmd and slurmrestd (JWT, openapi/v0.0.38),
// all configured and run from one temporary folder, on free ports, so several
// clusters (parallel test files, two checkouts) can run side by side and none
// touches /etc/slurm or /etc/munge. See the SLURM section of docs/STACK.md.
//
// Everything a cluster runs is recorded in its folder (os.tmpdir()/
// lodestone-slurm-*): `owner.json` names the Node process that started it,
// `run/*.pid` the daemons. A cluster whose owner died (SIGKILL, a crashed test
// worker) is taken down by the next startSlurmCluster(): its daemons (checked
// by their command line, so a recycled pid is never hit) and the processes in
// their sessions (job steps) are killed and the folder is removed.
import { execFile, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isAlive, readProc } from "./proc";

export interface SlurmCluster {
  /** slurmrestd's base URL, e.g. http://127.0.0.1:41234 (the /slurm/v0.0.38/… paths hang below it). */
  url: string;
  /** The SLURM user the tokens are minted for (jobs run as this user). */
  user: string;
  /** A JWT for `user`, minted with `scontrol token` and cached until shortly before it expires. */
  token: () => Promise<string> | string;
  /** The cluster's only (default) partition. */
  partition: string;
  /** The folder holding the configuration, state, logs and pid files. */
  dir: string;
  /** Stops every daemon (and running job) and removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface SlurmClusterOptions {
  /** The folder to run from (wiped first); default a new os.tmpdir()/lodestone-slurm-XXXX. */
  dir?: string;
  /** slurmrestd's port; default a free one. */
  restPort?: number;
  log?: (msg: string) => void;
}

const PREFIX = "lodestone-slurm-";
const PARTITION = "debug";
const USER = "root";
/** slurmrestd refuses to run as root or as SlurmUser: it drops to this system user. */
const REST_USER = "slurmrest";
const DAEMONS = ["slurmrestd", "slurmd", "slurmctld", "munged"] as const;
const TOKEN_LIFESPAN_S = 3600;

const PACKAGES = ["slurm-wlm", "slurmrestd", "munge", "slurm-wlm-jwt-plugin"];
const BINARIES = ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/slurmrestd", "/usr/sbin/munged", "/usr/bin/scontrol", "/usr/bin/sbatch"];

export async function startSlurmCluster(options: SlurmClusterOptions = {}): Promise<SlurmCluster> {
  const log = options.log ?? (() => {});
  const t0 = Date.now();
  if (process.getuid?.() !== 0) {
    throw new Error("A test SLURM needs root: it runs munged as the munge user, slurmd as root and slurmrestd as a system user it creates. Run the SLURM tests as root (e.g. in the CI container).");
  }
  ensureSlurmPackages(log);
  cleanStaleClusters(log);

  const dir = prepareDir(options.dir);
  const conf = path.join(dir, "slurm.conf");
  const files = layout(dir);
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= (async () => {
    process.off("exit", onExit);
    await stopCluster(dir);
  })());
  // Last resort when the process exits without awaiting stop(): only synchronous code runs here.
  const onExit = () => {
    killClusterSync(dir);
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on("exit", onExit);

  const fail = async (what: string, cause?: unknown): Promise<never> => {
    const detail = cause instanceof Error ? `: ${cause.message}` : cause ? `: ${String(cause)}` : "";
    const logs = ["slurmctld.log", "slurmctld.out", "slurmd.log", "slurmd.out", "slurmrestd.out", "../munge/munged.log"]
      .map((name) => [path.basename(name), tail(path.join(dir, "log", name), 8)] as const)
      .filter(([, text]) => text)
      .map(([name, text]) => `\n--- ${name} (last lines) ---\n${text}`)
      .join("");
    await stop().catch(() => {});
    throw new Error(`Single-node SLURM in ${dir}: ${what}${detail}${logs}`, { cause });
  };

  try {
    const [ctldPort, slurmdPort, restPort] = await Promise.all([freePort(), freePort(), options.restPort ?? freePort()]);
    if (options.restPort !== undefined && !(await portIsFree(options.restPort))) {
      return await fail(`port ${options.restPort} (restPort) is already in use`);
    }
    ensureRestUser();
    writeConfig(dir, { ctldPort, slurmdPort });

    // munged forks into the background and writes its own pid file.
    execFileSync("runuser", ["-u", "munge", "--", "/usr/sbin/munged", "--force", `--key-file=${files.mungeKey}`, `--socket=${files.mungeSocket}`, `--pid-file=${files.pid("munged")}`, `--seed-file=${path.join(dir, "munge", "munged.seed")}`, `--log-file=${path.join(dir, "munge", "munged.log")}`], { stdio: "pipe" });
    await waitFor(() => fs.existsSync(files.mungeSocket), 5000, "munged did not create its socket");

    const env = { ...process.env, SLURM_CONF: conf };
    daemon(dir, "slurmctld", "/usr/sbin/slurmctld", ["-D", "-i", "-f", conf], env);
    daemon(dir, "slurmd", "/usr/sbin/slurmd", ["-D", "-f", conf, "-N", nodeName()], env);
    daemon(dir, "slurmrestd", "/usr/sbin/slurmrestd", ["-f", conf, "-u", REST_USER, "-g", REST_USER, "-a", "rest_auth/jwt", "-s", "openapi/v0.0.38", `127.0.0.1:${restPort}`], { ...env, SLURM_JWT: "daemon" });
    log(`SLURM daemons started in ${dir} (slurmctld :${ctldPort}, slurmd :${slurmdPort}, slurmrestd :${restPort})`);

    const url = `http://127.0.0.1:${restPort}`;
    const token = tokenSource(conf);
    await waitFor(async () => {
      assertRunning(dir);
      try {
        await fetch(`${url}/openapi/v3`, { signal: AbortSignal.timeout(1000) });
        return true;
      } catch {
        return false;
      }
    }, 15_000, "slurmrestd did not answer");

    await probe(url, await token(), dir, () => assertRunning(dir));
    log(`SLURM ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${url}, partition ${PARTITION}`);
    return { url, user: USER, token, partition: PARTITION, dir, stop };
  } catch (e) {
    if (stopped) throw e;
    return await fail("did not start", e);
  }
}

// --- packages and users ----------------------------------------------------

function ensureSlurmPackages(log: (msg: string) => void): void {
  const missing = BINARIES.filter((b) => !fs.existsSync(b));
  if (missing.length === 0 && pluginDir() !== undefined) return;
  if (process.getuid?.() !== 0 || !fs.existsSync("/usr/bin/apt-get")) {
    throw new Error(`The SLURM tests need SLURM (missing: ${missing.join(", ") || "the JWT plugin"}). Install it as root (Debian/Ubuntu: \`apt-get install -y --no-install-recommends ${PACKAGES.join(" ")}\`) and run again.`);
  }
  log(`SLURM not found: installing Debian's ${PACKAGES.join(", ")} packages (one time)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // Another test process may be installing at the same moment: wait for dpkg's lock rather than fail.
  const lock = ["-o", "DPkg::Lock::Timeout=300"];
  execFileSync("apt-get", ["update", "-qq", ...lock], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...lock, ...PACKAGES], { stdio: "inherit", env });
  const still = BINARIES.filter((b) => !fs.existsSync(b));
  if (still.length > 0 || pluginDir() === undefined) throw new Error(`apt-get installed ${PACKAGES.join(" ")}, but ${still.join(", ") || "auth_jwt.so"} is still missing.`);
}

function pluginDir(): string | undefined {
  const candidates = fs.readdirSync("/usr/lib").filter((d) => d.endsWith("-linux-gnu")).map((d) => path.join("/usr/lib", d, "slurm-wlm"));
  return candidates.find((d) => fs.existsSync(path.join(d, "auth_jwt.so")) && fs.existsSync(path.join(d, "rest_auth_jwt.so")));
}

function userExists(name: string): boolean {
  try {
    execFileSync("id", ["-u", name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function ensureRestUser(): void {
  if (userExists(REST_USER)) return;
  try {
    execFileSync("useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "--user-group", REST_USER], { stdio: "pipe" });
  } catch (e) {
    if (!userExists(REST_USER)) throw new Error(`cannot create the system user ${REST_USER} for slurmrestd`, { cause: e });
  }
}

const nodeName = () => os.hostname().split(".")[0]!;

function ids(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
  return { uid, gid };
}

// --- the folder --------------------------------------------------------------

function layout(dir: string) {
  return {
    mungeKey: path.join(dir, "munge", "munge.key"),
    mungeSocket: path.join(dir, "munge", "munge.socket"),
    jwtKey: path.join(dir, "jwt.key"),
    // munged runs as the munge user: its files live in its own folder.
    pid: (name: string) => (name === "munged" ? path.join(dir, "munge", "munged.pid") : path.join(dir, "run", `${name}.pid`)),
  };
}

function prepareDir(given: string | undefined): string {
  let dir: string;
  if (given) {
    dir = path.resolve(given);
    const owner = ownerOf(dir);
    if (owner && owner.pid !== process.pid && ownerAlive(dir)) {
      throw new Error(`Single-node SLURM: ${dir} holds a cluster that process ${owner.pid} is running; stop it or choose another folder.`);
    }
    if (fs.existsSync(dir)) {
      killClusterSync(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.mkdirSync(dir, { recursive: true });
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  }
  writeOwner(dir);
  // slurmrestd runs as an unprivileged user and must read slurm.conf.
  fs.chmodSync(dir, 0o755);
  for (const sub of ["run", "log", "state", "spool", "munge"]) fs.mkdirSync(path.join(dir, sub), { mode: 0o755 });
  return dir;
}

function writeOwner(dir: string): void {
  fs.writeFileSync(path.join(dir, "owner.json"), JSON.stringify({ pid: process.pid, start: processStart(process.pid) }));
}

/** The process's start time in clock ticks since boot: with the pid, identifies it (pids are recycled). */
function processStart(pid: number): string {
  const stat = readProc(pid, "stat");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
}

function ownerOf(dir: string): { pid: number; start: string } | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(path.join(dir, "owner.json"), "utf8")) as { pid: unknown; start: unknown };
    return typeof owner.pid === "number" && typeof owner.start === "string" ? { pid: owner.pid, start: owner.start } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that started the cluster in `dir` still runs; undefined when no owner is recorded. */
function ownerAlive(dir: string): boolean | undefined {
  const owner = ownerOf(dir);
  if (!owner) return undefined;
  return isAlive(owner.pid) && processStart(owner.pid) === owner.start;
}

/** Takes down clusters whose starting process is gone (a killed earlier run). */
function cleanStaleClusters(log: (msg: string) => void): void {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmp, name);
    const alive = ownerAlive(dir);
    if (alive) continue;
    if (alive === undefined) {
      // No owner.json: not a cluster folder at all, or one another process is creating right now.
      if (!["slurm.conf", "run", "munge"].some((f) => fs.existsSync(path.join(dir, f)))) continue;
      const age = Date.now() - (fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age < 10_000) continue;
    }
    log(`Removing a SLURM cluster left by an earlier run: ${dir}`);
    killClusterSync(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// --- configuration -------------------------------------------------------------

function writeConfig(dir: string, ports: { ctldPort: number; slurmdPort: number }): void {
  const files = layout(dir);
  const munge = ids("munge");
  fs.chownSync(path.join(dir, "munge"), munge.uid, munge.gid);
  fs.writeFileSync(files.mungeKey, crypto.randomBytes(1024), { mode: 0o400 });
  fs.chownSync(files.mungeKey, munge.uid, munge.gid);
  // SlurmUser is root (the default), so slurmctld reads the JWT key as root.
  fs.writeFileSync(files.jwtKey, crypto.randomBytes(32), { mode: 0o600 });
  fs.writeFileSync(path.join(dir, "plugstack.conf"), "");

  const node = nodeName();
  // More CPUs than the machine has (config_overrides): test jobs are tiny, and several should run at once.
  const cpus = Math.max(os.cpus().length, 8);
  const memory = Math.max(256, Math.min(4096, Math.floor(os.totalmem() / 1024 / 1024 / 2)));
  const lines = [
    "# Written by scripts/lib/slurm-cluster.ts: a throwaway single-node SLURM for tests.",
    "ClusterName=lodestone",
    `SlurmctldHost=${node}(127.0.0.1)`,
    `SlurmctldPort=${ports.ctldPort}`,
    `SlurmdPort=${ports.slurmdPort}`,
    "SlurmUser=root",
    "AuthType=auth/munge",
    "CredType=cred/munge",
    `AuthInfo=socket=${files.mungeSocket}`,
    "AuthAltTypes=auth/jwt",
    `AuthAltParameters=jwt_key=${files.jwtKey}`,
    `StateSaveLocation=${path.join(dir, "state")}`,
    `SlurmdSpoolDir=${path.join(dir, "spool")}`,
    `SlurmctldPidFile=${files.pid("slurmctld")}`,
    `SlurmdPidFile=${files.pid("slurmd")}`,
    `SlurmctldLogFile=${path.join(dir, "log", "slurmctld.log")}`,
    `SlurmdLogFile=${path.join(dir, "log", "slurmd.log")}`,
    "SlurmctldDebug=info",
    "SlurmdDebug=info",
    `PlugStackConfig=${path.join(dir, "plugstack.conf")}`,
    "ProctrackType=proctrack/linuxproc",
    "TaskPlugin=task/none",
    "JobAcctGatherType=jobacct_gather/none",
    "SelectType=select/cons_tres",
    "SelectTypeParameters=CR_Core",
    "SchedulerParameters=batch_sched_delay=0",
    "AccountingStorageType=accounting_storage/none",
    "JobCompType=jobcomp/filetxt",
    `JobCompLoc=${path.join(dir, "log", "jobcomp.txt")}`,
    "MinJobAge=600",
    "KillWait=5",
    "MailProg=/bin/true",
    "ReturnToService=2",
    "SlurmdParameters=config_overrides",
    `NodeName=${node} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${memory} State=UNKNOWN`,
    `PartitionName=${PARTITION} Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
  ];
  fs.writeFileSync(path.join(dir, "slurm.conf"), lines.join("\n") + "\n", { mode: 0o644 });
}

// --- daemons -------------------------------------------------------------------

/** Starts a daemon in its own session (setsid), its early output to log/NAME.out, its pid to run/NAME.pid. */
function daemon(dir: string, name: string, binary: string, args: string[], env: NodeJS.ProcessEnv): void {
  const out = fs.openSync(path.join(dir, "log", `${name}.out`), "a");
  const child = spawn(binary, args, { detached: true, stdio: ["ignore", out, out], env });
  fs.closeSync(out);
  child.on("error", () => {});
  child.unref();
  if (child.pid !== undefined) fs.writeFileSync(path.join(dir, "run", `${name}.pid`), `${child.pid}\n`);
}

/** Stops a wait at once when a daemon died (its log, in the error, says why). */
function assertRunning(dir: string): void {
  for (const name of ["slurmctld", "slurmd", "slurmrestd"] as const) {
    const pid = readPid(layout(dir).pid(name));
    if (pid === undefined || !isAlive(pid)) throw new Fatal(`${name} exited while starting`);
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The cluster's live daemons, by pid file, checked against their command line (a recycled pid is not ours). */
function daemonPids(dir: string): number[] {
  const pids: number[] = [];
  for (const name of DAEMONS) {
    const pid = readPid(layout(dir).pid(name));
    if (pid === undefined || !isAlive(pid)) continue;
    const cmdline = readProc(pid, "cmdline").replaceAll("\0", " ");
    if (cmdline.includes(dir + "/")) pids.push(pid);
  }
  return pids;
}

const sessionOf = (pid: number): number => {
  const stat = readProc(pid, "stat");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]);
};

/**
 * The cluster's job processes: slurmstepd puts each job in a session of its
 * own, and it and the job's processes carry SLURM_CONF=<dir>/slurm.conf in
 * their environment; a job process that dropped it is still in the session.
 */
function jobPids(dir: string): number[] {
  const marker = `SLURM_CONF=${path.join(dir, "slurm.conf")}\0`;
  const ownSession = sessionOf(process.pid);
  const all: number[] = [];
  const marked = new Set<number>();
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    all.push(pid);
    if (readProc(pid, "environ").concat("\0").includes(marker)) marked.add(pid);
  }
  const sessions = new Set([...marked].map(sessionOf).filter((sid) => sid > 1 && sid !== ownSession));
  return all.filter((pid) => marked.has(pid) || sessions.has(sessionOf(pid)));
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch { /* gone already */ }
  }
}

/** For process exit and stale folders: SIGKILL everything, then wait (synchronously, up to 3 s) for it to be gone. */
function killClusterSync(dir: string): void {
  const pids = [...new Set([...daemonPids(dir), ...jobPids(dir)])];
  signal(pids, "SIGKILL");
  const deadline = Date.now() + 3000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (pids.some(isAlive) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 20);
}

async function stopCluster(dir: string): Promise<void> {
  const daemons = daemonPids(dir);
  // slurmd leaves running jobs (slurmstepd and the scripts) behind when it stops: they go at once.
  const jobs = jobPids(dir).filter((pid) => !daemons.includes(pid));
  signal(daemons, "SIGTERM");
  signal(jobs, "SIGKILL");
  const all = [...daemons, ...jobs];
  // munged, slurmd and slurmrestd go at once; slurmctld lingers for seconds after saving its
  // state, which is thrown away here anyway: it gets a second, then SIGKILL.
  const deadline = Date.now() + 1000;
  while (all.some(isAlive) && Date.now() < deadline) await sleep(100);
  signal(all.filter(isAlive), "SIGKILL");
  const gone = Date.now() + 3000;
  while (all.some(isAlive) && Date.now() < gone) await sleep(20);
  await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

// --- tokens and readiness --------------------------------------------------------

function tokenSource(conf: string): () => Promise<string> {
  let cached: { token: string; expiresMs: number } | undefined;
  let pending: Promise<string> | undefined;
  return () => {
    if (cached && cached.expiresMs - Date.now() > 5 * 60_000) return Promise.resolve(cached.token);
    return (pending ??= new Promise<string>((resolve, reject) => {
      const started = Date.now();
      execFile("scontrol", ["token", `username=${USER}`, `lifespan=${TOKEN_LIFESPAN_S}`], { env: { ...process.env, SLURM_CONF: conf }, timeout: 15_000 }, (error, stdout, stderr) => {
        pending = undefined;
        const token = /SLURM_JWT=(\S+)/.exec(stdout)?.[1];
        if (error || !token) return reject(new Error(`scontrol token failed: ${(stderr || error?.message || stdout).trim()}`));
        cached = { token, expiresMs: started + TOKEN_LIFESPAN_S * 1000 };
        resolve(token);
      });
    }));
  };
}

/** Submits a tiny job through slurmrestd and waits for COMPLETED: the first scheduling pass comes ~3 s after slurmctld starts. */
async function probe(url: string, token: string, dir: string, check: () => void): Promise<void> {
  const headers = { "content-type": "application/json", "X-SLURM-USER-NAME": USER, "X-SLURM-USER-TOKEN": token };
  const body = {
    script: "#!/bin/bash\ntrue\n",
    job: { name: "lodestone-probe", partition: PARTITION, current_working_directory: dir, standard_output: "/dev/null", environment: { PATH: "/usr/bin:/bin" } },
  };
  let jobId: number | undefined;
  await waitFor(async () => {
    check();
    const response = await fetch(`${url}/slurm/v0.0.38/job/submit`, { method: "POST", headers, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
    const json = (await response.json().catch(() => ({}))) as { job_id?: number; errors?: unknown[] };
    if (response.ok && typeof json.job_id === "number") {
      jobId = json.job_id;
      return true;
    }
    return false; // slurmctld may still be starting
  }, 20_000, "the probe job could not be submitted through slurmrestd");
  let state = "";
  await waitFor(async () => {
    check();
    const response = await fetch(`${url}/slurm/v0.0.38/job/${jobId}`, { headers, signal: AbortSignal.timeout(5000) });
    const json = (await response.json().catch(() => ({}))) as { jobs?: { job_state?: string }[] };
    state = json.jobs?.[0]?.job_state ?? "";
    if (["FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "BOOT_FAIL"].includes(state)) throw new Fatal(`the probe job ${jobId} ended ${state}`);
    return state === "COMPLETED";
  }, 30_000, `the probe job did not complete (last state: ${state || "unknown"})`);
}

// --- small helpers ------------------------------------------------------------------

/** Stops waitFor() at once (a daemon died), where other errors are retried until the deadline. */
class Fatal extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (e) {
      if (e instanceof Fatal) throw e;
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`, { cause: last });
    await sleep(100);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.on("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function tail(file: string, lines: number): string {
  try {
    const text = fs.readFileSync(file, "utf8");
    return text.trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
