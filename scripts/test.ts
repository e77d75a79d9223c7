// `npm test`: type-check, lint, unit + integration tests against a real
// PostgreSQL, then the browser journeys in Chromium against a production build.
// `npm test -- unit` or `npm test -- e2e` runs one part (plus what it needs).
import os from "node:os";
import path from "node:path";
import { appEnv } from "./lib/app-env";
import { ensureChromium, ensureDebianTool } from "./lib/system-tools";
import { migrate, recreateDatabase } from "./lib/database";
import { registerShutdown, startEmbeddedPostgres, type LocalDatabase } from "./lib/embedded-postgres";
import { run } from "./lib/process";
import { readPlaywrightCounts, readVitestCounts, Tally } from "./lib/tally";

const say = (msg: string) => console.log(`\n\x1b[35m[test]\x1b[0m ${msg}`);
const only = process.argv[2];
const steps = only ? [only] : ["typecheck", "lint", "unit", "e2e"];
const e2ePort = Number(process.env.E2E_PORT ?? 3100);

async function testServer(): Promise<LocalDatabase> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, stop: async () => {} };
  return startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), `lodestone-test-${process.pid}`),
    port: Number(process.env.TEST_DB_PORT ?? 54339),
    database: "lodestone_test",
    persistent: false,
  });
}

const tally = new Tally();

async function main() {
  const started = Date.now();
  if (steps.includes("typecheck")) {
    say("Type-checking…");
    await run("tsc", ["--noEmit"], { label: "tsc" });
  }
  if (steps.includes("lint")) {
    say("Linting…");
    await run("eslint", [".", "--max-warnings=0"], { label: "eslint" });
  }
  if (!steps.includes("unit") && !steps.includes("e2e")) return;

  say(process.env.TEST_DATABASE_URL ? "Using TEST_DATABASE_URL." : "Starting a throwaway embedded PostgreSQL…");
  const server = await testServer();
  registerShutdown(() => server.stop());

  if (steps.includes("unit")) {
    ensureDebianTool("pdftotext", "poppler-utils", say);
    const url = await recreateDatabase(server.url, "lodestone_unit");
    await migrate(url);
    say("Unit and integration tests (vitest, real PostgreSQL)…");
    await run("vitest", ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"], { env: { ...process.env, DATABASE_URL: url }, label: "vitest" });
    tally.add(readVitestCounts());
  }

  if (steps.includes("e2e")) {
    const chromium = ensureChromium(say);
    const url = await recreateDatabase(server.url, "lodestone_e2e");
    await migrate(url);
    await run("tsx", ["prisma/seed.ts", "--quiet"], { env: { ...process.env, DATABASE_URL: url }, label: "seed" });
    // The browser journeys sign Stripe webhooks with this secret (no Stripe account is needed to test them).
    const env = { ...appEnv(url, e2ePort, "lodestone-e2e-secret"), CHROMIUM_PATH: chromium, E2E_PORT: String(e2ePort), STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_lodestone_e2e" };
    say("Building the portal for the browser journeys…");
    await run("next", ["build"], { env, label: "next build" });
    say("Browser journeys (Playwright, Chromium)…");
    await run("playwright", ["test", ...process.argv.slice(3)], { env, label: "playwright" });
    tally.add(readPlaywrightCounts());
  }
  if (tally.passed + tally.failed > 0) console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
  say(`All green in ${Math.round((Date.now() - started) / 1000)} s.`);
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(`\n[test] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
