// `npm run demo`: database, migrations, demo world (once), build (when sources
// changed) and the portal, stopped cleanly with Ctrl-C. `npm run demo -- --fresh`
// empties the embedded database first and seeds a new world laid out around today.
import { demoAccountsTable } from "../prisma/seed/accounts";
import { appEnv, buildIsCurrent, localAuthSecret } from "./lib/app-env";
import { demoDatabase, emptyDatabase, isSeeded, migrate } from "./lib/database";
import { registerShutdown } from "./lib/embedded-postgres";
import { root, run, start, stopChild } from "./lib/process";
import fs from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";

const port = Number(process.env.PORT ?? 3000);
const fresh = process.argv.includes("--fresh");
const appPidFile = path.join(root, ".data/demo-app.pid");

/** A demo killed with SIGKILL leaves its server (own process group) running; stop it before starting anew. */
function stopLeftoverApp() {
  if (!fs.existsSync(appPidFile)) return;
  const pid = Number(fs.readFileSync(appPidFile, "utf8"));
  fs.rmSync(appPidFile);
  try {
    const command = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!/next/.test(command)) return;
    process.kill(-pid, "SIGTERM");
    say(`Stopped the portal left running by an earlier demo (pid ${pid}).`);
  } catch {
    // Not running any more.
  }
}
const say = (msg: string) => console.log(`\x1b[36m[demo]\x1b[0m ${msg}`);

async function main() {
  say(process.env.DATABASE_URL ? "Using the database in DATABASE_URL." : "Starting the embedded PostgreSQL (data in .data/postgres)…");
  const database = await demoDatabase(() => {});
  const running: { app?: ChildProcess; stopping?: boolean } = {};
  registerShutdown(async () => {
    running.stopping = true;
    say("Stopping…");
    await stopChild(running.app);
    fs.rmSync(appPidFile, { force: true });
    await database.stop();
    say("Stopped. Your data is kept for the next `npm run demo`.");
  });

  if (fresh) {
    if (process.env.DATABASE_URL) throw new Error("--fresh empties only the embedded database. With DATABASE_URL set, empty that database yourself (npx prisma migrate reset) and run the demo again.");
    say("Starting afresh: emptying the demo database…");
    await emptyDatabase(database.url);
  }
  say("Applying migrations…");
  await migrate(database.url);
  if (await isSeeded(database.url)) {
    say("Demo world already seeded; keeping your data (`npm run demo -- --fresh` starts a new world around today).");
  } else {
    say("Seeding the demo world…");
    await run("tsx", ["prisma/seed.ts", "--quiet"], { env: { ...process.env, DATABASE_URL: database.url } });
  }

  const env = appEnv(database.url, port, localAuthSecret());
  if (buildIsCurrent()) say("Build is up to date.");
  else {
    say("Building the portal (about half a minute)…");
    await run("next", ["build"], { env, label: "next build" });
  }

  stopLeftoverApp();
  // Loopback only: the demo's dev mailbox holds sign-in links and must not be reachable from the network.
  const app = start("next", ["start", "-p", String(port), "-H", process.env.HOST ?? "127.0.0.1"], { env });
  running.app = app;
  fs.writeFileSync(appPidFile, String(app.pid));
  app.on("exit", (code) => {
    if (!running.stopping && code !== 0) {
      console.error(`The portal stopped with exit code ${code}.`);
      process.kill(process.pid, "SIGTERM");
    }
  });

  console.log(`\nLodestone is running at http://localhost:${port}  (Ctrl-C to stop)\n`);
  console.log(demoAccountsTable());
  console.log(`Mail goes to http://localhost:${port}/dev/mailbox unless RESEND_API_KEY is set.\n`);
}

main().catch((error) => {
  console.error(`\n[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
