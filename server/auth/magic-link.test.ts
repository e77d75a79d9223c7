import { describe, expect, it } from "vitest";
import { deliverDueEmails } from "../mail/deliver";
import { devMailboxTransport } from "../mail/transport";
import { createUserWithoutOrganisation, testDb, uniqueSuffix } from "../testing/fixtures";
import { enqueueMagicLink } from "./magic-link";

const db = testDb();

describe("magic-link emails", () => {
  it("the outbox never holds the sign-in link in clear, before or after delivery; the delivered email carries it", async () => {
    const user = await createUserWithoutOrganisation(db);
    const token = `tok${uniqueSuffix()}secret`;
    const url = `http://localhost:3000/api/auth/callback/email?callbackUrl=%2Fdashboard&token=${token}&email=${encodeURIComponent(user.email)}`;
    expect(await enqueueMagicLink(db, { identifier: user.email, url, token, expiresInMinutes: 15 })).toBe(true);

    const queued = await db.outboxMessage.findFirstOrThrow({ where: { to: user.email, template: "magic-link" } });
    expect(JSON.stringify(queued)).not.toContain(token);
    expect(queued.props).toMatchObject({ url: { $sealed: expect.any(String) }, expiresInMinutes: 15 });

    expect(await deliverDueEmails(db, devMailboxTransport(db), { recipientSuffix: user.email })).toEqual({ sent: 1, failed: 0 });
    const sent = await db.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } });
    expect(sent.status).toBe("SENT");
    expect(JSON.stringify(sent)).not.toContain(token);
    expect(JSON.stringify(sent.props)).not.toContain("$sealed");
    // What the person receives is the working link.
    const received = await db.devMailboxMessage.findUniqueOrThrow({ where: { outboxId: queued.id } });
    expect(received.text).toContain(`token=${token}`);
  });

  it("an unknown address gets nothing", async () => {
    const to = `nobody-${uniqueSuffix()}@magic.test.example`;
    expect(await enqueueMagicLink(db, { identifier: to, url: "http://localhost/x?token=t", token: "t", expiresInMinutes: 15 })).toBe(false);
    expect(await db.outboxMessage.count({ where: { to } })).toBe(0);
  });
});
