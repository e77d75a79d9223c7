import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inTransaction } from "../db";
import { deliverDueEmails } from "../mail/deliver";
import { enqueueEmail } from "../mail/enqueue";
import { startLocalResend } from "../mail/local-resend-server";
import { resendTransport } from "../mail/transport";
import { testDb, uniqueSuffix } from "../testing/fixtures";
import { createOutboxQueue, outboxQueue, workOutbox } from "./outbox-wakeups";

const db = testDb();
// A pg-boss of its own, in a schema dropped afterwards, so no other worker takes these wake-ups.
const schema = `outbox_test_${uniqueSuffix()}`;
let boss: PgBoss;
let resend: Awaited<ReturnType<typeof startLocalResend>>;

beforeAll(async () => {
  resend = await startLocalResend();
  boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema, max: 2 });
  boss.on("error", (error) => console.error("[test boss]", error));
  await boss.start();
  await createOutboxQueue(boss);
});

afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await resend.close();
});

/** What runMutation does: commit an email, then nudge the outbox. */
async function enqueueAndNudge(to: string) {
  await inTransaction((tx) => enqueueEmail(tx, { template: "welcome", to, props: { name: "Ana", dashboardUrl: "http://localhost/dashboard" }, dedupeKey: `test:${uniqueSuffix()}` }), db);
  await boss.send(outboxQueue, null);
}

describe("outbox wake-ups", () => {
  it("many queued emails make one wake-up that delivers them all; a nudge during a drain still gets its own", async () => {
    const domain = `@wake-${uniqueSuffix()}.test.example`;
    for (let i = 0; i < 25; i++) await enqueueAndNudge(`burst-${i}${domain}`);
    expect(await boss.findJobs(outboxQueue, { queued: true })).toHaveLength(1);

    const transport = resendTransport("re_test", { baseUrl: resend.url });
    let drains = 0;
    await workOutbox(boss, async () => {
      drains++;
      await deliverDueEmails(db, transport, { recipientSuffix: domain });
      // Mail committed after this drain's last claim, while its wake-up is still active.
      if (drains === 1) await enqueueAndNudge(`late${domain}`);
    });

    const mine = { to: { endsWith: domain } };
    await vi.waitFor(async () => expect(await db.outboxMessage.count({ where: { ...mine, status: "SENT" } })).toBe(26), { timeout: 50_000, interval: 200 });
    expect(drains).toBe(2);
  }, 60_000);
});
