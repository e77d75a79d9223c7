// The portal as production runs it (`next build`, `next start`), built in a copy
// of the repository so the shared .next (and other people's dev servers) are
// never touched. node_modules is hard-linked, not symlinked: Turbopack refuses
// a node_modules that resolves outside the project root. Hard links cost no
// space and next build writes nothing into node_modules.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root, stopChild, waitForHttp } from "../scripts/lib/process";

/** What is not copied: dependencies (linked), build output, local data, results. */
const skipped = new Set(["node_modules", ".next", ".data", ".git", "test-results", "playwright-report", "tsconfig.tsbuildinfo"]);

/** A fresh copy of the working tree (uncommitted files included) at `dir`. */
export function copyRepository(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of fs.readdirSync(root)) {
    if (skipped.has(entry)) continue;
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true, filter: (src) => !src.includes(`${path.sep}.results`) });
  }
  try {
    execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(dir, "node_modules")]);
  } catch {
    throw new Error(`Could not hard-link node_modules into ${dir}: set BENCH_APP_DIR to a directory on the same filesystem as ${root}.`);
  }
}

const nextBin = (dir: string) => path.join(dir, "node_modules/.bin/next");

/** `next build` in `dir`; its output goes to next-build.log there, shown only when it fails. */
export function buildApp(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const log = path.join(dir, "next-build.log");
  const child = spawn(nextBin(dir), ["build"], { cwd: dir, env, stdio: ["ignore", fs.openSync(log, "w"), fs.openSync(log, "a")] });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve();
      const tail = fs.readFileSync(log, "utf8").split("\n").slice(-30).join("\n");
      reject(new Error(`next build failed (${signal ?? `exit code ${code}`}); last lines of ${log}:\n${tail}`));
    });
  });
}

export interface RunningApp {
  url: string;
  child: ChildProcess;
  log: string;
  stop(): Promise<void>;
}

/** `next start` in its own process group (stopped by its pid); waits until it answers. */
export async function startApp(dir: string, port: number, env: NodeJS.ProcessEnv): Promise<RunningApp> {
  const log = path.join(dir, "next-start.log");
  const child = spawn(nextBin(dir), ["start", "-p", String(port)], { cwd: dir, env, detached: true, stdio: ["ignore", fs.openSync(log, "w"), fs.openSync(log, "a")] });
  const url = `http://localhost:${port}`;
  const app = { url, child, log, stop: () => stopChild(child) };
  try {
    await Promise.race([
      waitForHttp(`${url}/api/health`, 60_000),
      new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`next start exited (code ${code}); see ${log}`)))),
    ]);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}
