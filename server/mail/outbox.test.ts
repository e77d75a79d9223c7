import { describe, expect, it } from "vitest";
import { inTransaction } from "../db";
import { testDb, uniqueSuffix } from "../testing/fixtures";
import { deliverDueEmails, outboxPolicy, retryDelaySeconds } from "./deliver";
import { enqueueEmail } from "./enqueue";
import { devMailboxTransport, type MailTransport, type RenderedEmail } from "./transport";

const db = testDb();
// Other test files drain the same database at the same time: this file sends only its own mail.
const domain = `@outbox-${uniqueSuffix()}.test.example`;
const drain = (transport: MailTransport) => deliverDueEmails(db, transport, { recipientSuffix: domain });

async function enqueueWelcome(to: string, dedupeKey = `test:${uniqueSuffix()}`) {
  await inTransaction((tx) => enqueueEmail(tx, { template: "welcome", to, props: { name: "Ana", dashboardUrl: "http://localhost/dashboard" }, dedupeKey }), db);
  return db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey } });
}

/** Records what it was asked to send; fails while `down` is true. */
function recordingTransport() {
  const sent: RenderedEmail[] = [];
  const transport: MailTransport & { down: boolean; sent: RenderedEmail[] } = {
    name: "recording",
    down: false,
    sent,
    async send(email) {
      if (transport.down) throw new Error("Resend is unreachable");
      sent.push(email);
      return { providerId: `rec-${sent.length}` };
    },
  };
  return transport;
}

describe("mail outbox", () => {
  it("ignores a second enqueue with the same key", async () => {
    const key = `dedupe:${uniqueSuffix()}`;
    await enqueueWelcome("dedupe@test.example", key);
    await enqueueWelcome("dedupe@test.example", key);
    expect(await db.outboxMessage.count({ where: { dedupeKey: key } })).toBe(1);
  });

  it("keeps a message while the provider is down, retries with backoff, then sends it exactly once", async () => {
    const to = `retry-${uniqueSuffix()}${domain}`;
    const message = await enqueueWelcome(to);
    const transport = recordingTransport();
    transport.down = true;
    await drain(transport);
    const failed = await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lastError: "Resend is unreachable" });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);

    transport.down = false;
    await drain(transport);
    expect(transport.sent.filter((m) => m.to === to)).toHaveLength(0); // not due yet

    await db.outboxMessage.update({ where: { id: message.id }, data: { nextAttemptAt: new Date() } });
    await drain(transport);
    await drain(transport);
    const delivered = transport.sent.filter((m) => m.to === to);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.subject).toBe("Welcome to Lodestone");
    expect(delivered[0]!.text).toContain("Hello Ana");
    expect(delivered[0]!.html).toContain("<html");
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("SENT");
  });

  it("two workers draining at once never send a message twice", async () => {
    const tag = uniqueSuffix();
    for (let i = 0; i < 12; i++) await enqueueWelcome(`race-${tag}-${i}${domain}`);
    const transport = recordingTransport();
    await Promise.all([drain(transport), drain(transport), drain(transport)]);
    const mine = transport.sent.filter((m) => m.to.startsWith(`race-${tag}-`));
    expect(mine).toHaveLength(12);
    expect(new Set(mine.map((m) => m.outboxId)).size).toBe(12);
  });

  it("gives up after the last attempt and marks the message failed", async () => {
    const message = await enqueueWelcome(`doomed-${uniqueSuffix()}${domain}`);
    await db.outboxMessage.update({ where: { id: message.id }, data: { attempts: outboxPolicy.maxAttempts - 1 } });
    const transport = recordingTransport();
    transport.down = true;
    await drain(transport);
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("FAILED");
  });

  it("the dev mailbox keeps one copy per message even when asked twice", async () => {
    const message = await enqueueWelcome(`mailbox-${uniqueSuffix()}@test.example`);
    const transport = devMailboxTransport(db);
    const email = { outboxId: message.id, to: message.to, subject: "s", html: "<p>h</p>", text: "h" };
    await transport.send(email);
    await transport.send(email);
    expect(await db.devMailboxMessage.count({ where: { outboxId: message.id } })).toBe(1);
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(20)).toBe(3600);
  });
});
