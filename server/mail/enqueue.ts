import type { EmailTemplateName, EmailTemplates } from "../../emails";
import type { Prisma, Tx } from "../db";

export interface OutgoingEmail<K extends EmailTemplateName> {
  template: K;
  to: string;
  props: EmailTemplates[K];
  /** Names the logical message (e.g. "invitation:<id>"); a repeat with the same key is ignored. */
  dedupeKey: string;
}

/**
 * Puts the message in the outbox inside the caller's transaction. Nothing is
 * sent here: the outbox worker delivers after commit, so a rolled-back change
 * never emails anyone and a crashed process loses nothing.
 */
export async function enqueueEmail<K extends EmailTemplateName>(tx: Tx, email: OutgoingEmail<K>): Promise<void> {
  await tx.outboxMessage.createMany({
    data: [{ template: email.template, to: email.to, props: email.props as unknown as Prisma.InputJsonValue, dedupeKey: email.dedupeKey }],
    skipDuplicates: true,
  });
}
