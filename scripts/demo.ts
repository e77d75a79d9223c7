// `npm run demo`: database, migrations, demo world (once), build (when sources
// changed) and the portal, stopped cleanly with Ctrl-C.
import { demoAccountsTable } from "../prisma/seed/accounts";
import { appEnv, buildIsCurrent, localAuthSecret } from "./lib/app-env";
import { demoDatabase, isSeeded, migrate } from "./lib/database";
import { registerShutdown } from "./lib/embedded-postgres";
import { run, start, stopChild } from "./lib/process";
import type { ChildProcess } from "node:child_process";

const port = Number(process.env.PORT ?? 3000);
const say = (msg: string) => console.log(`\x1b[36m[demo]\x1b[0m ${msg}`);

async function main() {
  say(process.env.DATABASE_URL ? "Using the database in DATABASE_URL." : "Starting the embedded PostgreSQL (data in .data/postgres)…");
  const database = await demoDatabase(() => {});
  const running: { app?: ChildProcess; stopping?: boolean } = {};
  registerShutdown(async () => {
    running.stopping = true;
    say("Stopping…");
    await stopChild(running.app);
    await database.stop();
    say("Stopped. Your data is kept for the next `npm run demo`.");
  });

  say("Applying migrations…");
  await migrate(database.url);
  if (await isSeeded(database.url)) {
    say("Demo world already seeded; keeping your data.");
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

  const app = start("next", ["start", "-p", String(port)], { env });
  running.app = app;
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
