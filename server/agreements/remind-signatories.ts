import { organisationIdsOf, workerContext, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Db, Tx } from "../db";
import { inTransaction } from "../db";
import { conflict, notFound } from "../errors";
import { formatFacilityDate } from "../time";
import { agreementCovers, agreementFacility } from "./agreement-facility";
import { inWords } from "./agreement-values";
import { askToSign } from "./issue-agreement";
import { clock } from "../clock";

const hour = 3_600_000;
/** A party is reminded at most once a day by hand, and every three days by the morning job. */
export const manualReminderGapHours = 24;
export const automaticReminderGapDays = 3;

/**
 * Marks the pending parties reminded (a conditional update, so two clicks or
 * two workers remind once) and emails their authorised signatories.
 */
async function remindPending(tx: Tx, ctx: RequestContext, agreementId: string, notRemindedSince: Date, now: Date, exceptOrganisationIds: string[] = []) {
  const reminded = await tx.$queryRaw<{ organisationId: string }[]>`
    UPDATE "AgreementSignatory" SET "lastRemindedAt" = ${now}
    WHERE "agreementId" = ${agreementId} AND state = 'PENDING' AND ("lastRemindedAt" IS NULL OR "lastRemindedAt" <= ${notRemindedSince})
      AND NOT ("organisationId" = ANY(${exceptOrganisationIds}::text[]))
    RETURNING "organisationId"`;
  if (reminded.length === 0) return { reminded: [] as string[], signatories: 0 };
  const agreement = await tx.agreement.findUniqueOrThrow({ where: { id: agreementId }, include: { template: { select: { title: true } }, signatories: { where: { state: "PENDING" }, include: { organisation: { select: { name: true } } } } } });
  const [facility, covers] = await Promise.all([agreementFacility(tx, agreement), agreementCovers(tx, agreement)]);
  const waitingFor = agreement.signatories.map((s) => s.organisation.name);
  const ids = reminded.map((r) => r.organisationId);
  const signatories = await askToSign(tx, agreement, ids, {
    agreementReference: agreement.reference,
    documentTitle: agreement.template.title,
    covers: covers.label,
    parties: (agreement.variables as { parties?: string }).parties ?? inWords(waitingFor),
    reminder: { sentOn: formatFacilityDate(agreement.sentAt, facility.timeZone), waitingFor },
  }, `agreement-reminder:${now.toISOString()}`);
  const names = agreement.signatories.filter((s) => ids.includes(s.organisationId)).map((s) => s.organisation.name);
  await recordAudit(tx, ctx, { action: "agreement.reminded", entityType: "Agreement", entityId: agreementId, after: { reminded: names, signatories } });
  return { reminded: names, signatories };
}

/** A party's person asks the other parties that have not answered to sign; at most once a day per party. */
export async function remindSignatories(tx: Tx, ctx: RequestContext, agreementId: string, now = clock.now()) {
  const agreement = await tx.agreement.findUnique({ where: { id: agreementId }, include: { signatories: { include: { organisation: { select: { name: true } } } } } });
  const mine = organisationIdsOf(ctx.actor);
  if (!agreement || !agreement.signatories.some((s) => mine.includes(s.organisationId))) throw notFound("The agreement");
  if (agreement.state !== "AWAITING_SIGNATURES") throw conflict(`${agreement.reference} is not waiting for signatures, so there is no one to remind.`);
  const waiting = agreement.signatories.filter((s) => s.state === "PENDING" && !mine.includes(s.organisationId));
  if (waiting.length === 0) throw conflict(`Only your own organisation has yet to sign ${agreement.reference}; sign it, or ask your authorised signatory to.`);
  const result = await remindPending(tx, ctx, agreementId, new Date(now.getTime() - manualReminderGapHours * hour), now, mine);
  if (result.reminded.length === 0) {
    const last = Math.max(...waiting.map((s) => s.lastRemindedAt?.getTime() ?? 0));
    throw conflict(`${inWords(waiting.map((s) => s.organisation.name))} ${waiting.length === 1 ? "was" : "were"} reminded ${Math.max(1, Math.round((now.getTime() - last) / hour))} hours ago; reminders go at most once a day.`);
  }
  return result;
}

/** The morning job: agreements out for three days or more remind their pending parties every three days. */
export async function remindOverdueSignatories(db: Db, now = clock.now()): Promise<number> {
  const cutoff = new Date(now.getTime() - automaticReminderGapDays * 24 * hour);
  const due = await db.agreement.findMany({ where: { state: "AWAITING_SIGNATURES", sentAt: { lte: cutoff }, signatories: { some: { state: "PENDING", OR: [{ lastRemindedAt: null }, { lastRemindedAt: { lte: cutoff } }] } } }, select: { id: true } });
  let emails = 0;
  for (const { id } of due) emails += (await inTransaction((tx) => remindPending(tx, workerContext, id, cutoff, now), db)).signatories;
  return emails;
}
