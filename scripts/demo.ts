// `npm run demo`: database, migrations, demo world (once), build (when sources
// changed) and the portal, stopped cleanly with Ctrl-C. `npm run demo -- --fresh`
// empties the embedded database first and seeds a new world laid out around today.
import { demoAccountsTable } from "../prisma/seed/accounts";
import { appEnv, buildIsCurrent, localAuthSecret } from "./lib/app-env";
import { demoDatabase, emptyDatabase, isSeeded, migrate } from "./lib/database";
import { appPidFile, portIsFree, refuseIfDemoRunning, stopLeftoverApps } from "./lib/demo-app";
import { registerShutdown } from "./lib/embedded-postgres";
import { run, start, stopChild } from "./lib/process";
import fs from "node:fs";
import type { ChildProcess } from "node:child_process";

const port = Number(process.env.PORT ?? 3000);
// Loopback only: the demo's dev mailbox holds sign-in links and must not be reachable from the network.
const host = process.env.HOST ?? "127.0.0.1";
const fresh = process.argv.includes("--fresh");
const say = (msg: string) => console.log(`\x1b[36m[demo]\x1b[0m ${msg}`);

/** The database is gone for good: stop the portal too (it would only answer 503) and say what to do. */
function databaseLost(reason: string) {
  console.error(`\n[demo] ${reason}`);
  console.error("[demo] Stopping the portal, which cannot work without its database. Your data is kept in .data/postgres.");
  console.error("[demo] Run `npm run demo` again; if PostgreSQL keeps stopping, `LODESTONE_DB_LOG=1 npm run db` shows what it says.\n");
  process.kill(process.pid, "SIGTERM");
}

async function main() {
  // Before the slow parts: a second demo on a busy port is refused now, not after the build.
  refuseIfDemoRunning(port);
  await stopLeftoverApps(port, say);
  if (!(await portIsFree(port, host))) throw new Error(`Port ${port} is in use by another program: start the demo on a free one, e.g. PORT=${port + 1} npm run demo.`);

  say(process.env.DATABASE_URL ? "Using the database in DATABASE_URL." : "Starting the embedded PostgreSQL (data in .data/postgres)…");
  const database = await demoDatabase({ say, giveUp: databaseLost });
  const running: { app?: ChildProcess; stopping?: boolean } = {};
  registerShutdown(async () => {
    running.stopping = true;
    say("Stopping…");
    await stopChild(running.app);
    fs.rmSync(appPidFile(port), { force: true });
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

  const app = start("next", ["start", "-p", String(port), "-H", host], { env });
  running.app = app;
  fs.writeFileSync(appPidFile(port), String(app.pid));
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
