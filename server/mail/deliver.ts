import type { Db, Prisma } from "../db";
import { renderEmail } from "./render";
import { openProps, propsAfterDelivery } from "./sealed-props";
import type { MailTransport } from "./transport";
import { clock } from "../clock";

/** How long one delivery (render and send) may take before it counts as a failed attempt. */
const sendTimeoutSeconds = 10;
/** How much longer than a send a claim lasts: time to record the result, and clock drift between workers. */
const leaseMarginSeconds = 20;

/** A claim must outlive the send it covers, or a second worker could take a message still being sent. */
export const leaseSecondsFor = (sendTimeoutSeconds: number) => sendTimeoutSeconds + leaseMarginSeconds;

export const outboxPolicy = {
  sendTimeoutSeconds,
  leaseMarginSeconds,
  /** How long a claimed message is hidden from other workers while it is being sent. */
  leaseSeconds: leaseSecondsFor(sendTimeoutSeconds),
  maxAttempts: 12,
  /** Sends in flight at once, so one provider connection that never answers holds only its own message. */
  concurrency: 6,
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
 * Claims the next due message with SKIP LOCKED and pushes its retry time past
 * the lease, so two workers never send the same message at once and a worker
 * that dies mid-send leaves the message to be retried after the lease. One
 * message per claim: its send starts at once, so the lease only has to cover
 * one send timeout.
 */
async function claimNextMessage(db: Db, leaseSeconds: number, recipientSuffix: string | null): Promise<ClaimedMessage | undefined> {
  const [message] = await db.$queryRaw<ClaimedMessage[]>`
    UPDATE "OutboxMessage" SET "nextAttemptAt" = now() + make_interval(secs => ${leaseSeconds}::float8)
    WHERE id IN (
      SELECT id FROM "OutboxMessage"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
        AND (${recipientSuffix}::text IS NULL OR right("to", char_length(${recipientSuffix}::text)) = ${recipientSuffix}::text)
      ORDER BY "nextAttemptAt" LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id, template, "to", props, attempts`;
  return message;
}

/** Rejects after `ms` and aborts the work's signal, so a transport that honours it stops waiting too. */
async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`Timed out: the send did not finish within ${ms / 1000} s`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends one claimed message and records the outcome; true when it was sent. */
async function deliverOne(db: Db, transport: MailTransport, message: ClaimedMessage, sendTimeoutMs: number): Promise<boolean> {
  try {
    const providerId = await withTimeout(sendTimeoutMs, async (signal) => {
      const rendered = await renderEmail(message.template, openProps(message.props));
      return (await transport.send({ outboxId: message.id, to: message.to, ...rendered }, { signal })).providerId;
    });
    const kept = propsAfterDelivery(message.props);
    await db.outboxMessage.updateMany({
      where: { id: message.id, status: "PENDING" },
      data: { status: "SENT", sentAt: clock.now(), providerId, attempts: { increment: 1 }, lastError: null, ...(kept ? { props: kept as Prisma.InputJsonValue } : {}) },
    });
    return true;
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
    return false;
  }
}

export interface DeliveryOptions {
  sendTimeoutMs?: number;
  concurrency?: number;
  /** Delivers only mail to addresses ending with this (tests share one database and run side by side). */
  recipientSuffix?: string;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/** Drains the outbox: `concurrency` lanes each claim and send one message at a time until none is due. */
export async function deliverDueEmails(db: Db, transport: MailTransport, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const sendTimeoutMs = options.sendTimeoutMs ?? outboxPolicy.sendTimeoutSeconds * 1000;
  const leaseSeconds = leaseSecondsFor(sendTimeoutMs / 1000);
  const report: DeliveryReport = { sent: 0, failed: 0 };
  const lane = async () => {
    for (;;) {
      const message = await claimNextMessage(db, leaseSeconds, options.recipientSuffix ?? null);
      if (!message) return;
      if (await deliverOne(db, transport, message, sendTimeoutMs)) report.sent++;
      else report.failed++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? outboxPolicy.concurrency }, lane));
  return report;
}
