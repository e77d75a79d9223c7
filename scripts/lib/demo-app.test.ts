// A demo's portal pid file is per port: a second demo refuses to take over a
// live demo's portal, and only a portal whose launcher died is stopped.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { appPidFile, refuseIfDemoRunning, stopLeftoverApps } from "./demo-app";
import { isAlive } from "./proc";

// Ports nothing listens on: only the pid files named after them matter here.
const port = 40_000 + (process.pid % 10_000);
const otherPort = port + 1;
const started: number[] = [];
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already stopped
    }
  }
  fs.rmSync(appPidFile(port), { force: true });
});

/** Stands in for `tsx scripts/demo.ts` and the `next start` it runs in its own process group. */
async function fakeDemo(): Promise<{ launcher: number; app: number }> {
  const appScript = `setInterval(() => {}, 1000)`;
  const launcherScript = `const app = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(appScript)}, "next"], { detached: true, stdio: "ignore" }); console.log(app.pid); setInterval(() => {}, 1000);`;
  const launcher = spawn(process.execPath, ["-e", launcherScript, "scripts/demo.ts"], { stdio: ["ignore", "pipe", "inherit"], detached: true });
  const [chunk] = (await once(launcher.stdout!, "data")) as [Buffer];
  const app = Number(chunk.toString().trim());
  started.push(launcher.pid!, app);
  fs.mkdirSync(path.dirname(appPidFile(port)), { recursive: true });
  fs.writeFileSync(appPidFile(port), String(app));
  return { launcher: launcher.pid!, app };
}

it("refuses a second demo on a port a live demo serves, and stops that demo's portal only once its launcher is gone", async () => {
  const { launcher, app } = await fakeDemo();
  expect(() => refuseIfDemoRunning(port)).toThrow(`A demo is already running on port ${port} (launcher pid ${launcher})`);
  expect(() => refuseIfDemoRunning(otherPort)).not.toThrow();

  const said: string[] = [];
  await stopLeftoverApps(otherPort, (msg) => said.push(msg));
  await stopLeftoverApps(port, (msg) => said.push(msg));
  expect(isAlive(app)).toBe(true); // its launcher still runs it

  process.kill(launcher, "SIGKILL"); // the demo killed outright: its portal runs on, orphaned
  await vi.waitFor(() => expect(isAlive(launcher)).toBe(false));
  expect(() => refuseIfDemoRunning(port)).not.toThrow();
  await stopLeftoverApps(port, (msg) => said.push(msg));
  expect(isAlive(app)).toBe(false);
  expect(said).toEqual([`Stopped the portal left running by an earlier demo (pid ${app}).`]);
  expect(fs.existsSync(appPidFile(port))).toBe(false);
});
