import { PgBoss } from "pg-boss";
import { databaseUrl, getDb, inTransaction } from "../db";
import { deliverDueEmails } from "../mail/deliver";
import { configuredTransport } from "../mail/transport";
import { expireStaleHolds } from "../scheduling/overlap";
import { warnUnusedBlockTime } from "./warn-unused-block-time";

export const queues = { deliverEmail: "mail.deliver-outbox", expireHolds: "calendar.expire-holds", unusedBlockTime: "consortia.warn-unused-block-time" } as const;

const globalForBoss = globalThis as unknown as { lodestoneBoss?: Promise<PgBoss> };

/**
 * Starts pg-boss and the workers in this process. The Next server calls it at
 * start-up (instrumentation.ts); `npm run worker` runs the same workers alone.
 */
export function startJobs(options: { workers: boolean } = { workers: true }): Promise<PgBoss> {
  globalForBoss.lodestoneBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: databaseUrl(), max: 4 });
    boss.on("error", (error) => console.error("[jobs]", error));
    await boss.start();
    await boss.createQueue(queues.deliverEmail);
    await boss.createQueue(queues.expireHolds);
    await boss.createQueue(queues.unusedBlockTime);
    if (options.workers) {
      await boss.work(queues.deliverEmail, { pollingIntervalSeconds: 2 }, async () => {
        await deliverDueEmails(getDb(), configuredTransport(getDb()));
      });
      // The sweep catches messages whose nudge was lost and retries that are due.
      await boss.schedule(queues.deliverEmail, "* * * * *");
      // Lapsed tentative holds free their time (placements also expire them inline).
      await boss.work(queues.expireHolds, async () => {
        await inTransaction((tx) => expireStaleHolds(tx));
      });
      await boss.schedule(queues.expireHolds, "* * * * *");
      // Each morning, warn consortium leads and facilities about block time that will go unused.
      await boss.work(queues.unusedBlockTime, async () => {
        if ((await warnUnusedBlockTime(getDb())) > 0) await nudgeOutbox();
      });
      await boss.schedule(queues.unusedBlockTime, "0 7 * * *", null, { tz: "Europe/London" });
    }
    return boss;
  })();
  return globalForBoss.lodestoneBoss;
}

export function runningJobs(): Promise<PgBoss> | undefined {
  return globalForBoss.lodestoneBoss;
}

/** Asks the worker to deliver now rather than at the next sweep; call after commit. */
export async function nudgeOutbox(): Promise<void> {
  const boss = runningJobs();
  if (!boss) return;
  try {
    await (await boss).send(queues.deliverEmail, null);
  } catch (error) {
    console.error("[jobs] could not nudge the outbox; the minute sweep will deliver", error);
  }
}

export async function stopJobs(): Promise<void> {
  const boss = globalForBoss.lodestoneBoss;
  globalForBoss.lodestoneBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, timeout: 5000 });
}
