import { Resend } from "resend";
import type { EmailAttachment } from "../../emails";
import type { Db, Prisma } from "../db";

export interface RenderedEmail {
  outboxId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: EmailAttachment[];
}

export interface MailTransport {
  readonly name: string;
  /** Delivers once per outboxId even when called again for the same message; stops waiting when `signal` aborts. */
  send(email: RenderedEmail, options?: { signal?: AbortSignal }): Promise<{ providerId: string }>;
}

export const mailFrom = () => process.env.MAIL_FROM ?? "Lodestone <portal@lodestone.example>";

/**
 * Resend, with the outbox id as idempotency key so a retry after a lost reply
 * (a timeout included) is not a second email. `baseUrl` points it elsewhere (tests).
 */
export function resendTransport(apiKey: string, options: { baseUrl?: string } = {}): MailTransport {
  const resend = new Resend(apiKey, { baseUrl: options.baseUrl });
  return {
    name: "resend",
    async send(email, { signal } = {}) {
      const { data, error } = await resend.emails.send(
        {
          from: mailFrom(),
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          attachments: email.attachments?.map((a) => ({ filename: a.filename, content: Buffer.from(a.content, "utf8"), contentType: a.contentType })),
        },
        { idempotencyKey: `lodestone-outbox-${email.outboxId}`, signal },
      );
      // The SDK turns an aborted request into a generic "unable to fetch" error; say why it stopped.
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("Timed out: the send was aborted");
      if (error || !data) throw new Error(`Resend refused the message: ${error?.message ?? "no reply"}`);
      return { providerId: data.id };
    },
  };
}

/** Keeps mail in the database, readable at /dev/mailbox, when no Resend key is configured. (Prisma takes no abort signal; the caller's timeout still bounds the wait.) */
export function devMailboxTransport(db: Db): MailTransport {
  return {
    name: "dev-mailbox",
    async send(email) {
      const stored = await db.devMailboxMessage.upsert({
        where: { outboxId: email.outboxId },
        create: { outboxId: email.outboxId, to: email.to, subject: email.subject, html: email.html, text: email.text, attachments: (email.attachments ?? []) as unknown as Prisma.InputJsonValue },
        update: {},
        select: { id: true },
      });
      return { providerId: `dev-${stored.id}` };
    },
  };
}

export function configuredTransport(db: Db): MailTransport {
  const key = process.env.RESEND_API_KEY;
  return key ? resendTransport(key) : devMailboxTransport(db);
}
