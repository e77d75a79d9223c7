// The portal a demo launcher starts runs in its own process group, so a
// launcher killed with SIGKILL leaves it running. Its pid is kept per port in
// .data/demo-app-<port>.pid, so a demo only ever takes over what an earlier
// demo on the same port left behind, never another live demo's portal.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { isAlive, parentPid, readProc } from "./proc";
import { root } from "./process";

export const appPidFile = (port: number) => path.join(root, `.data/demo-app-${port}.pid`);
/** Before pid files were per port, one served the whole checkout. */
const legacyPidFile = path.join(root, ".data/demo-app.pid");

interface RecordedApp {
  pid: number;
  /** The demo launcher that started it, while that is still running. */
  launcher?: number;
}

/** The portal a pid file names, if it still runs (a stale file is removed). */
function recordedApp(file: string): RecordedApp | undefined {
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, "utf8"));
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !/next/.test(readProc(pid, "cmdline"))) {
    fs.rmSync(file, { force: true });
    return undefined;
  }
  const parent = parentPid(pid);
  return { pid, launcher: parent !== undefined && readProc(parent, "cmdline").includes("scripts/demo.ts") ? parent : undefined };
}

/** Refuses, saying what to do, when a live demo already serves this port. */
export function refuseIfDemoRunning(port: number): void {
  const app = recordedApp(appPidFile(port));
  if (app?.launcher === undefined) return;
  throw new Error(
    `A demo is already running on port ${port} (launcher pid ${app.launcher}): use it at http://localhost:${port}, or stop it with Ctrl-C in its terminal. ` +
      `To run a second portal beside it, start this one on another port, e.g. PORT=${port + 1} npm run demo.`,
  );
}

/** Stops portals left running by demos killed outright (on this port, or from before pid files were per port). */
export async function stopLeftoverApps(port: number, say: (msg: string) => void): Promise<void> {
  for (const file of [appPidFile(port), legacyPidFile]) {
    const app = recordedApp(file);
    if (!app || app.launcher !== undefined) continue;
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      continue; // gone meanwhile
    }
    for (let waited = 0; isAlive(app.pid) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    fs.rmSync(file, { force: true });
    say(`Stopped the portal left running by an earlier demo (pid ${app.pid}).`);
  }
}

export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
