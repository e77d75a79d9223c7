import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

/** Runs a project binary (from node_modules/.bin) to completion; rejects with its exit code. */
export function run(command: string, args: string[], options: SpawnOptions & { label?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin(command), args, { cwd: root, stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${options.label ?? command} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * Starts a long-running project binary in its own process group, so stopping
 * it also stops anything it spawned (next start leaves next-server otherwise).
 */
export function start(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(bin(command), args, { cwd: root, stdio: "inherit", detached: true, ...options });
}

/** Stops a child started with start(), and its own children, by process group; waits for it to exit. */
export async function stopChild(child: ChildProcess | undefined, timeoutMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ }
  }, timeoutMs);
  await exited;
  clearTimeout(timer);
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
