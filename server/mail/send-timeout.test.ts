import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inTransaction } from "../db";
import { testDb, uniqueSuffix } from "../testing/fixtures";
import { deliverDueEmails, leaseSecondsFor, outboxPolicy } from "./deliver";
import { enqueueEmail } from "./enqueue";
import { startLocalResend } from "./local-resend-server";
import { renderEmail } from "./render";
import { resendTransport } from "./transport";

const db = testDb();
let resend: Awaited<ReturnType<typeof startLocalResend>>;
beforeAll(async () => {
  resend = await startLocalResend();
  await renderEmail("welcome", { name: "Ana", dashboardUrl: "http://localhost/dashboard" }); // the first render loads the templates
});
afterAll(() => resend.close());

async function enqueueWelcome(to: string) {
  const dedupeKey = `test:${uniqueSuffix()}`;
  await inTransaction((tx) => enqueueEmail(tx, { template: "welcome", to, props: { name: "Ana", dashboardUrl: "http://localhost/dashboard" }, dedupeKey }), db);
  return db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey } });
}

describe("a mail provider that never answers", () => {
  it("holds only its own message: the rest goes out, and the hung one is retried later", async () => {
    const domain = `@hung-${uniqueSuffix()}.test.example`;
    const options = { sendTimeoutMs: 5000, concurrency: 4, recipientSuffix: domain };
    const transport = resendTransport("re_test", { baseUrl: resend.url });
    const stuck = await enqueueWelcome(`stuck${domain}`); // oldest, so it is claimed first
    resend.hang(stuck.to);
    const others: string[] = [];
    for (let i = 0; i < 3; i++) others.push((await enqueueWelcome(`ok-${i}${domain}`)).id);

    const claimedFrom = Date.now();
    const draining = deliverDueEmails(db, transport, options);
    await vi.waitFor(
      async () => {
        expect(resend.requestsTo(stuck.to)).toHaveLength(1);
        expect(await db.outboxMessage.count({ where: { id: { in: others }, status: "SENT" } })).toBe(3);
      },
      { timeout: 10_000, interval: 25 },
    );
    // The others went out while the hung request was still open.
    expect(resend.requestsTo(stuck.to).map((r) => r.state)).toEqual(["waiting"]);

    // The claim outlives the send timeout, so a second worker leaves the message alone meanwhile.
    const claimed = await db.outboxMessage.findUniqueOrThrow({ where: { id: stuck.id } });
    const leaseMs = leaseSecondsFor(options.sendTimeoutMs / 1000) * 1000;
    expect(leaseMs).toBe(options.sendTimeoutMs + outboxPolicy.leaseMarginSeconds * 1000);
    expect(claimed.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(claimedFrom + leaseMs - 1000); // a second of clock skew between database and test
    expect(claimed.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + leaseMs + 1000);
    expect(await deliverDueEmails(db, transport, options)).toEqual({ sent: 0, failed: 0 });
    expect(resend.requestsTo(stuck.to)).toHaveLength(1);

    expect(await draining).toEqual({ sent: 3, failed: 1 });
    expect(resend.requestsTo(stuck.to).map((r) => r.state)).toEqual(["abandoned"]);
    const timedOut = await db.outboxMessage.findUniqueOrThrow({ where: { id: stuck.id } });
    expect(timedOut).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null });
    expect(timedOut.lastError).toMatch(/timed out/i);
    expect(timedOut.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000); // the usual backoff

    resend.answer(stuck.to);
    await db.outboxMessage.update({ where: { id: stuck.id }, data: { nextAttemptAt: new Date() } });
    expect(await deliverDueEmails(db, transport, options)).toEqual({ sent: 1, failed: 0 });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    // Both tries carried the same idempotency key, so Resend sends one email even if the first got through.
    expect(new Set(resend.requestsTo(stuck.to).map((r) => r.idempotencyKey))).toEqual(new Set([`lodestone-outbox-${stuck.id}`]));
  });

  it("claims a message for longer than a send may take, and gives a send seconds, not minutes", () => {
    expect(outboxPolicy.leaseSeconds).toBe(outboxPolicy.sendTimeoutSeconds + outboxPolicy.leaseMarginSeconds);
    expect(outboxPolicy.leaseMarginSeconds).toBeGreaterThanOrEqual(5);
    expect(outboxPolicy.sendTimeoutSeconds).toBeLessThanOrEqual(30);
  });
});
