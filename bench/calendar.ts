// `npm run bench -- calendar`: the calendar at scale (issue 4). Loads the
// synthetic world, times the calendar query for one facility-cycle view, then
// booking-create throughput over HTTP tRPC against direct SQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoPassword } from "../prisma/seed/accounts";
import { appEnv } from "../scripts/lib/app-env";
import { loadActor } from "../server/auth/load-actor";
import { createPrismaClient } from "../server/db";
import { calendarView } from "../server/scheduling/read-calendar";
import { buildApp, copyRepository, startApp } from "./app-server";
import { config } from "./config";
import { benchDatabase, migrateAndSeed, serverVersion } from "./database";
import { PortalClient } from "./http-client";
import { describe, bookingRate, sample, seconds, thousands, timed, type PoolResult, type Summary } from "./stats";
import { endstationCount, ids, loadSyntheticWorld, placementSlots, staffEmail } from "./synthetic-world";
import { countWrites, insertOverSql, placeOverHttp } from "./throughput";

export interface BenchContext {
  /** Loops stop starting new work after this instant (epoch ms). */
  deadline: number;
  /** Registers a stop step; they run last-registered first, on success, failure or signal. */
  onStop(stop: () => Promise<void>): void;
}

const say = (msg: string) => console.log(`\x1b[33m[bench]\x1b[0m ${msg}`);
const cycle = { year: 2029, half: 1 as const, name: "2029-1" };
const windows = [14, 62] as const;

export async function calendarBenchmark({ deadline, onStop }: BenchContext): Promise<void> {
  const started = Date.now();
  const n = config.placements;
  say(`Calendar benchmark: ${thousands(config.bookings)} bookings, ${thousands(n)} placements at ${config.concurrency} concurrent clients.`);

  // ---- data
  say(config.databaseUrl ? "Creating lodestone_bench on the BENCH_DATABASE_URL server…" : `Starting a throwaway embedded PostgreSQL (port ${config.dbPort})…`);
  const database = await benchDatabase();
  onStop(() => database.stop());
  const [, setupMs] = await timed(() => migrateAndSeed(database.url));
  say(`Migrated and seeded the demo world in ${seconds(setupMs)}.`);
  const load = await loadSyntheticWorld(database.url, config.bookings, n);
  const loadMs = load.facilityMs + load.requestsMs + load.bookingsMs + load.analyseMs;
  say(`Loaded the synthetic world in ${seconds(loadMs)}: ${thousands(config.bookings)} bookings ${seconds(load.bookingsMs)}, requests ${seconds(load.requestsMs)}, ANALYZE ${seconds(load.analyseMs)}.`);

  // ---- calendar query, server time: the function the tRPC procedure calls, no HTTP
  const db = createPrismaClient(database.url);
  onStop(() => db.$disconnect());
  const actor = await loadActor(db, ids.staff);
  const query = (days: number) => ({ facilityId: ids.facility, cycleId: ids.cycle(cycle.year, cycle.half), days });
  const direct: { days: number; bookings: number; summary: Summary }[] = [];
  for (const days of windows) {
    const view = () => calendarView(db, actor, query(days));
    const bookings = (await view()).bookings.length;
    const summary = await sample(config.calendarRuns, config.calendarWarmup, deadline, view);
    direct.push({ days, bookings, summary });
    say(`calendarView, ${days} days of cycle ${cycle.name} (${thousands(bookings)} bookings): ${describe(summary)}`);
  }

  // ---- the portal, built and started as in production
  say(`Copying the repository to ${config.appDir} and building it (next build, about a minute)…`);
  copyRepository(config.appDir);
  const env = { ...appEnv(database.url, config.appPort, "lodestone-bench-secret"), NEXTAUTH_URL: `http://localhost:${config.appPort}` };
  const [, buildMs] = await timed(() => buildApp(config.appDir, env));
  const app = await startApp(config.appDir, config.appPort, env);
  onStop(() => app.stop());
  say(`Built in ${seconds(buildMs)}; next start (pid ${app.child.pid}) answers at ${app.url}; log ${app.log}.`);
  const clients = await Promise.all(Array.from({ length: config.concurrency }, () => PortalClient.signIn(app.url, staffEmail, demoPassword)));
  say(`${clients.length} clients signed in as ${staffEmail}.`);

  // ---- calendar over HTTP (one client, sequential): adds session, tRPC, superjson and the network stack
  const overHttp: { days: number; summary: Summary }[] = [];
  for (const days of windows) {
    const summary = await sample(config.httpCalendarRuns, 5, deadline, () => clients[0]!.query("scheduling.calendar", query(days)));
    overHttp.push({ days, summary });
    say(`scheduling.calendar over HTTP, ${days} days: ${describe(summary)}`);
  }

  // ---- booking-create throughput
  say(`Placing ${thousands(n)} bookings through POST /api/trpc/scheduling.place at ${config.concurrency} concurrent clients…`);
  const http = await placeOverHttp(clients, placementSlots(0, n), deadline);
  report("HTTP tRPC", http);
  say(`Inserting ${thousands(n)} bookings directly in SQL at ${config.concurrency} concurrent connections…`);
  const sql = await insertOverSql(database.url, config.concurrency, placementSlots(n, n), n, deadline);
  report("direct SQL", sql);
  const written = await countWrites(database.url);
  say(`Check: ${thousands(written.http)} bookings via HTTP with ${thousands(written.audit)} audit rows and ${thousands(written.outbox)} outbox emails; ${thousands(written.sql)} via SQL.`);

  // ---- summary
  const rate = (r: PoolResult) => r.ok / (r.elapsedMs / 1000);
  const ratio = rate(http) / rate(sql);
  const machine = {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: await serverVersion(database.url),
    postgresNote: config.databaseUrl ? "BENCH_DATABASE_URL server" : "embedded, fsync=off, synchronous_commit=off",
    mailWorkerInProcess: process.env.LODESTONE_WORKERS !== "off",
  };
  const totalMs = Date.now() - started;
  const lines = [
    "",
    "==================== Lodestone calendar benchmark ====================",
    `Machine      ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres} (${machine.postgresNote})`,
    `Data         ${thousands(config.bookings)} CONFIRMED bookings on ${endstationCount} endstations over 2027–2031 (10 cycles), loaded in ${seconds(loadMs)}`,
    `Calendar     server time of calendarView (one facility, cycle ${cycle.name}, staff actor, no HTTP):`,
    ...direct.map((d) => `               ${String(d.days).padStart(2)} days, ${thousands(d.bookings).padStart(5)} bookings: ${describe(d.summary)}`),
    `             through HTTP (GET /api/trpc/scheduling.calendar, 1 client):`,
    ...overHttp.map((d) => `               ${String(d.days).padStart(2)} days: ${describe(d.summary)}`),
    `Create       ${thousands(n)} one-shift bookings at ${config.concurrency} concurrent clients:`,
    `               HTTP tRPC scheduling.place  ${line(http)}`,
    `               direct SQL INSERT           ${line(sql)}`,
    `               ratio HTTP tRPC / direct SQL = ${ratio.toFixed(3)} (direct SQL is ${(1 / ratio).toFixed(1)}x faster)`,
    `Total        ${seconds(totalMs)} (next build ${seconds(buildMs)}); mail worker in the app process: ${machine.mailWorkerInProcess ? "on" : "off"}`,
    "======================================================================",
  ];
  console.log(lines.join("\n"));
  saveResults({ at: new Date().toISOString(), config: { ...config, databaseUrl: config.databaseUrl ? "(set)" : undefined }, machine, loadMs, load, direct, overHttp, http, sql, ratio, written, totalMs, buildMs });
  if (http.failed > 0 || sql.failed > 0 || http.ok < n || sql.ok < n) throw new Error("Some bookings were not created (see above); the figures are not comparable.");
}

function line(r: PoolResult): string {
  return `${thousands(r.ok)} ok, ${r.failed} failed in ${seconds(r.elapsedMs)} = ${bookingRate(r.ok / (r.elapsedMs / 1000))}`;
}

function report(what: string, r: PoolResult) {
  say(`${what}: ${line(r)}`);
  for (const error of r.errors) say(`  failure: ${error}`);
}

/** bench/.results/ is git-ignored: a JSON record of each run, for comparing runs. */
function saveResults(results: object) {
  const dir = path.join(import.meta.dirname, ".results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `calendar-${new Date().toISOString().replaceAll(":", "-").slice(0, 19)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  say(`Results saved to ${path.relative(process.cwd(), file)}.`);
}
