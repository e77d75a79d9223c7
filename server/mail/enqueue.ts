import type { EmailTemplateName, EmailTemplates } from "../../emails";
import type { Prisma, Tx } from "../db";
import { sealProps } from "./sealed-props";

export interface OutgoingEmail<K extends EmailTemplateName> {
  template: K;
  to: string;
  props: EmailTemplates[K];
  /** Names the logical message (e.g. "invitation:<id>"); a repeat with the same key is ignored. Never put a secret in it. */
  dedupeKey: string;
  /** Props that are credentials (a sign-in link): stored encrypted and removed once the message is sent. */
  sealed?: readonly (keyof EmailTemplates[K] & string)[];
}

/**
 * Puts the message in the outbox inside the caller's transaction. Nothing is
 * sent here: the outbox worker delivers after commit, so a rolled-back change
 * never emails anyone and a crashed process loses nothing.
 */
export async function enqueueEmail<K extends EmailTemplateName>(tx: Tx, email: OutgoingEmail<K>): Promise<void> {
  await tx.outboxMessage.createMany({
    data: [{ template: email.template, to: email.to, props: (email.sealed?.length ? sealProps(email.props as object, email.sealed as never) : email.props) as unknown as Prisma.InputJsonValue, dedupeKey: email.dedupeKey }],
    skipDuplicates: true,
  });
}
