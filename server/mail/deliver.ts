import type { Db } from "../db";
import { renderEmail } from "./render";
import type { MailTransport } from "./transport";
import { clock } from "../clock";

export const outboxPolicy = {
  /** How long a claimed message is hidden from other workers while it is being sent. */
  leaseSeconds: 60,
  maxAttempts: 12,
  batchSize: 20,
} as const;

/** Exponential backoff: 30 s, 1 min, 2 min, ... capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

interface ClaimedMessage {
  id: string;
  template: string;
  to: string;
  props: unknown;
  attempts: number;
}

/**
 * Claims due messages with SKIP LOCKED and pushes their retry time past the
 * lease, so two workers never send the same message at once and a worker that
 * dies mid-send leaves the message to be retried after the lease.
 */
async function claimDueMessages(db: Db): Promise<ClaimedMessage[]> {
  return db.$queryRaw<ClaimedMessage[]>`
    UPDATE "OutboxMessage" SET "nextAttemptAt" = now() + make_interval(secs => ${outboxPolicy.leaseSeconds})
    WHERE id IN (
      SELECT id FROM "OutboxMessage"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
      ORDER BY "nextAttemptAt" LIMIT ${outboxPolicy.batchSize}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, template, "to", props, attempts`;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

export async function deliverDueEmails(db: Db, transport: MailTransport): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (;;) {
    const batch = await claimDueMessages(db);
    if (batch.length === 0) return report;
    for (const message of batch) {
      try {
        const rendered = await renderEmail(message.template, message.props);
        const { providerId } = await transport.send({ outboxId: message.id, to: message.to, ...rendered });
        await db.outboxMessage.updateMany({
          where: { id: message.id, status: "PENDING" },
          data: { status: "SENT", sentAt: clock.now(), providerId, attempts: { increment: 1 }, lastError: null },
        });
        report.sent++;
      } catch (error) {
        const attempts = message.attempts + 1;
        await db.outboxMessage.updateMany({
          where: { id: message.id, status: "PENDING" },
          data: {
            attempts,
            lastError: error instanceof Error ? error.message.slice(0, 1000) : String(error),
            status: attempts >= outboxPolicy.maxAttempts ? "FAILED" : "PENDING",
            nextAttemptAt: new Date(clock.nowMs() + retryDelaySeconds(attempts) * 1000),
          },
        });
        report.failed++;
      }
    }
  }
}
