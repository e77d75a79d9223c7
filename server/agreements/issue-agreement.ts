import type { RequestContext, SignedInActor } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Prisma, Tx } from "../db";
import type { AgreementTemplate } from "../generated/prisma/client";
import type { SignatoryParty } from "../generated/prisma/enums";
import type { AgreementToSignProps } from "../../emails/agreement-to-sign";
import { enqueueEmail } from "../mail/enqueue";
import { appUrl } from "../organisations/invitation-token";
import { nextCounter, twoDigitYear } from "../references/next-counter";
import { documentHash, renderAgreement, type AgreementValues } from "./render-agreement";

async function nextAgreementReference(tx: Tx, at: Date) {
  const year = at.getUTCFullYear();
  return `AGR-${twoDigitYear(year)}-${String(await nextCounter(tx, `agreement-${year}`)).padStart(4, "0")}`;
}

const monthMs = 30.4375 * 86_400_000;

export interface AgreementToIssue {
  subject: { requestId: string } | { blockId: string; consortiumId: string };
  /** What the emails name: "LDS-26-0042" or "CORNUBIA's block on S07". */
  subjectLabel: string;
  template: AgreementTemplate;
  values: AgreementValues;
  signatories: { organisationId: string; party: SignatoryParty }[];
  /** The live agreement this one replaces (made from an older template version). */
  current: { id: string; state: string; template: { version: number } } | null;
}

/**
 * Freezes and hashes the text, replaces the live agreement if there is one
 * (the partial unique index allows only one live agreement per subject), and
 * asks every authorised signatory of every party to sign.
 */
export async function issueAgreement(tx: Tx, ctx: RequestContext & { actor: SignedInActor }, issue: AgreementToIssue, now: Date) {
  const { template, values, current } = issue;
  if (current) await tx.agreement.update({ where: { id: current.id }, data: { state: "SUPERSEDED" } });
  const text = renderAgreement(template, values);
  const agreement = await tx.agreement.create({
    data: {
      reference: await nextAgreementReference(tx, now),
      templateId: template.id,
      ...issue.subject,
      variables: values as unknown as Prisma.InputJsonValue,
      renderedText: text,
      documentHash: documentHash(text),
      dataAccessTier: template.dataAccessTier,
      embargoEndsAt: template.embargoMonths ? new Date(now.getTime() + template.embargoMonths * monthMs) : null,
      licence: template.licence,
      createdById: ctx.actor.userId,
      sentAt: now,
      signatories: { create: issue.signatories },
    },
  });
  if (current) {
    await tx.agreement.update({ where: { id: current.id }, data: { supersededById: agreement.id } });
    await recordAudit(tx, ctx, { action: "agreement.superseded", entityType: "Agreement", entityId: current.id, before: { state: current.state, templateVersion: current.template.version }, after: { state: "SUPERSEDED", supersededBy: agreement.reference } });
  }
  await recordAudit(tx, ctx, { action: "agreement.sent", entityType: "Agreement", entityId: agreement.id, after: { reference: agreement.reference, subject: issue.subjectLabel, templateKind: template.kind, templateVersion: template.version, documentHash: agreement.documentHash } });
  await askToSign(tx, { id: agreement.id, reference: agreement.reference }, issue.signatories.map((s) => s.organisationId), {
    agreementReference: agreement.reference,
    documentTitle: template.title,
    covers: issue.subjectLabel,
    parties: values.parties,
  }, "agreement-to-sign");
  return { id: agreement.id, reference: agreement.reference };
}

/** Emails every authorised signatory of the given organisations a link to the agreement; the dedupe key makes each message once. */
export async function askToSign(tx: Tx, agreement: { id: string; reference: string }, organisationIds: string[], props: Omit<AgreementToSignProps, "url">, dedupe: string) {
  const signers = await tx.membership.findMany({ where: { organisationId: { in: organisationIds }, authorisedSignatory: true }, select: { user: { select: { email: true } } }, distinct: ["userId"] });
  for (const { user } of signers) {
    await enqueueEmail(tx, { template: "agreement-to-sign", to: user.email, dedupeKey: `${dedupe}:${agreement.id}:${user.email}`, props: { ...props, url: appUrl(`/agreements/${agreement.id}`) } });
  }
  return signers.length;
}
