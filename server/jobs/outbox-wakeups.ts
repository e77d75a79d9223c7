import type { PgBoss } from "pg-boss";

/**
 * Wake-ups for the mail outbox worker. Each wake-up drains the whole outbox,
 * so the queue's "short" policy keeps at most one of them waiting: a burst of
 * enqueued emails (or the minute sweep arriving meanwhile) adds nothing to a
 * wake-up already waiting, while one sent during a drain still waits its turn,
 * so mail committed after that drain's last claim is not left for the sweep.
 */
export const outboxQueue = "mail.drain-outbox";
/** The queue before wake-ups were coalesced (one job per email); its minute schedule would keep filling it. */
const retiredOutboxQueue = "mail.deliver-outbox";

/** pg-boss cannot change a queue's policy, hence a new queue name; deleting the old one drops its schedule too. */
export async function createOutboxQueue(boss: PgBoss): Promise<void> {
  await boss.deleteQueue(retiredOutboxQueue);
  await boss.createQueue(outboxQueue, { policy: "short" });
}

export async function workOutbox(boss: PgBoss, drain: () => Promise<unknown>): Promise<void> {
  await boss.work(outboxQueue, { pollingIntervalSeconds: 2 }, async () => {
    await drain();
  });
}
