import { PgBoss } from "pg-boss";
import { databaseUrl, getDb, inTransaction } from "../db";
import { deliverDueEmails } from "../mail/deliver";
import { configuredTransport } from "../mail/transport";
import { expireStaleHolds } from "../scheduling/overlap";
import { remindOverdueSignatories } from "../agreements/remind-signatories";
import { sealSignedAgreements } from "../agreements/seal/seal-agreements";
import { stripeConfigured, stripeFromEnv } from "../billing/stripe/client";
import { syncInvoicesToStripe } from "../billing/stripe/sync-invoices";
import { warnUnusedBlockTime } from "./warn-unused-block-time";
import { createOutboxQueue, outboxQueue, workOutbox } from "./outbox-wakeups";
import { workPipelines } from "../pipelines/jobs";

export const queues = {
  deliverEmail: outboxQueue,
  expireHolds: "calendar.expire-holds",
  unusedBlockTime: "consortia.warn-unused-block-time",
  sealAgreements: "agreements.seal",
  remindSignatories: "agreements.remind-signatories",
  syncStripe: "billing.sync-stripe",
  advancePipelines: "pipelines.advance",
  builtinStep: "pipelines.builtin-step",
} as const;

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
    await createOutboxQueue(boss);
    for (const queue of Object.values(queues)) if (queue !== outboxQueue) await boss.createQueue(queue);
    if (options.workers) {
      await workOutbox(boss, () => deliverDueEmails(getDb(), configuredTransport(getDb())));
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
      // A fully signed agreement is sealed as a PDF; signing nudges this, the sweep catches the rest.
      await boss.work(queues.sealAgreements, async () => {
        if ((await sealSignedAgreements(getDb())) > 0) await nudgeOutbox();
      });
      await boss.schedule(queues.sealAgreements, "* * * * *");
      // Each morning, remind parties that have left an agreement unsigned for three days.
      await boss.work(queues.remindSignatories, async () => {
        if ((await remindOverdueSignatories(getDb())) > 0) await nudgeOutbox();
      });
      await boss.schedule(queues.remindSignatories, "30 7 * * *", null, { tz: "Europe/London" });
      // Pipelines: start due steps, run built-in ones in child processes, poll the cluster, flag silent steps.
      await workPipelines(boss, { advance: queues.advancePipelines, builtin: queues.builtinStep });
      // Issued invoices reach Stripe from this outbox when a key is set; issuing nudges it, the sweep retries.
      const stripe = stripeFromEnv();
      if (stripe) {
        await boss.work(queues.syncStripe, async () => {
          await syncInvoicesToStripe(getDb(), stripe);
        });
        await boss.schedule(queues.syncStripe, "* * * * *");
      }
    }
    return boss;
  })();
  return globalForBoss.lodestoneBoss;
}

export function runningJobs(): Promise<PgBoss> | undefined {
  return globalForBoss.lodestoneBoss;
}

/** Asks a worker to run now rather than at its next sweep; call after commit. Losing a nudge only delays the work. */
async function nudge(queue: string): Promise<void> {
  const boss = runningJobs();
  if (!boss) return;
  try {
    await (await boss).send(queue, null);
  } catch (error) {
    console.error(`[jobs] could not nudge ${queue}; its minute sweep will run it`, error);
  }
}

/** Nudges while a drain is already waiting add nothing: the queue keeps one (see outbox-wakeups.ts). */
export const nudgeOutbox = () => nudge(queues.deliverEmail);
export const nudgeSealing = () => nudge(queues.sealAgreements);
export const nudgePipelines = () => nudge(queues.advancePipelines);
export const nudgeStripe = () => (stripeConfigured() ? nudge(queues.syncStripe) : Promise.resolve());

export async function stopJobs(): Promise<void> {
  const boss = globalForBoss.lodestoneBoss;
  globalForBoss.lodestoneBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, timeout: 5000 });
}
