import { createHash } from "node:crypto";
import { renderToBuffer, type DocumentProps } from "@react-pdf/renderer";
import { createElement, type ReactElement } from "react";
import { workerContext } from "../../access/actor";
import { recordAudit } from "../../audit/record";
import { inTransaction, type Db, type Tx } from "../../db";
import { registerPdfFonts } from "../../pdf/fonts";
import { agreementCovers, agreementFacility } from "../agreement-facility";
import { SealedAgreementDocument, type SealedAgreementData } from "./sealed-document";
import { clock } from "../../clock";

const tierText = { PUBLIC: "Public after the embargo", CONSORTIUM: "Consortium members", FACILITY_AND_FUNDER: "Facility and funder", PROPRIETARY: "Proprietary to the user" } as const;
const partyText = { APPLICANT: "applicant", FACILITY: "facility", CONSORTIUM_MEMBER: "consortium member" } as const;

/** A one-line account of an audit row's change, for the trail: organisations by name, the hash left to the signature page. */
function auditDetail(summary: unknown, organisationNames: Map<string, string>): string {
  const after = (summary as { after?: Record<string, unknown> | null } | null)?.after ?? {};
  return Object.entries(after)
    .filter(([key]) => key !== "documentHash")
    .map(([key, value]) => (key === "organisationId" ? `for ${organisationNames.get(String(value)) ?? String(value)}` : `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`))
    .join("; ");
}

async function sealedData(tx: Tx, agreementId: string, sealedAt: Date): Promise<SealedAgreementData> {
  const agreement = await tx.agreement.findUniqueOrThrow({
    where: { id: agreementId },
    include: { template: { select: { title: true, version: true } }, signatories: { include: { organisation: { select: { name: true } } }, orderBy: [{ signedAt: "asc" }] } },
  });
  const signers = await tx.user.findMany({ where: { id: { in: agreement.signatories.map((s) => s.signedById).filter((id): id is string => id !== null) } }, select: { id: true, email: true } });
  const audit = await tx.auditEvent.findMany({ where: { entityType: "Agreement", entityId: agreementId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  const [facility, covers] = await Promise.all([agreementFacility(tx, agreement), agreementCovers(tx, agreement)]);
  return {
    reference: agreement.reference,
    title: agreement.template.title,
    templateVersion: agreement.template.version,
    covers: covers.label,
    text: agreement.renderedText,
    documentHash: agreement.documentHash,
    timeZone: facility.timeZone,
    sentAt: agreement.sentAt,
    completedAt: agreement.completedAt!,
    terms: { dataAccess: tierText[agreement.dataAccessTier], embargoEndsAt: agreement.embargoEndsAt, licence: agreement.licence },
    signatures: agreement.signatories.map((s) => ({
      organisation: s.organisation.name,
      party: partyText[s.party],
      typedName: s.typedName!,
      account: signers.find((u) => u.id === s.signedById)?.email ?? "unknown account",
      signedAt: s.signedAt!,
      documentHash: s.documentHash!,
    })),
    auditTrail: audit.map((row) => ({ at: row.at, action: row.action, actor: row.actorEmail ?? "Lodestone", detail: auditDetail(row.summary, new Map(agreement.signatories.map((s) => [s.organisationId, s.organisation.name]))) })),
    sealedAt,
  };
}

export async function renderSealedPdf(data: SealedAgreementData): Promise<Buffer> {
  registerPdfFonts();
  return renderToBuffer(createElement(SealedAgreementDocument, { data }) as unknown as ReactElement<DocumentProps>);
}

/**
 * Seals every fully signed agreement that has no sealed PDF yet, one per
 * transaction. SKIP LOCKED lets two workers share the queue without sealing
 * the same agreement twice; the primary key refuses a second PDF regardless.
 */
export async function sealSignedAgreements(db: Db, options: { only?: string[]; now?: () => Date } = {}): Promise<number> {
  const now = options.now ?? (() => clock.now());
  const only = options.only ?? null;
  let sealed = 0;
  // One that fails (a render error, a timeout) is left for the next run and does not hold up the others.
  const failed: string[] = [];
  for (;;) {
    let picked: string | null = null;
    const done = await inTransaction(async (tx) => {
      const [next] = await tx.$queryRaw<{ id: string; reference: string }[]>`
        SELECT a.id, a.reference FROM "Agreement" a
        WHERE a.state = 'SIGNED' AND (${only}::text[] IS NULL OR a.id = ANY(${only}::text[])) AND NOT (a.id = ANY(${failed}::text[])) AND NOT EXISTS (SELECT 1 FROM "SealedAgreement" s WHERE s."agreementId" = a.id)
        ORDER BY a."completedAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!next) return false;
      picked = next.id;
      const sealedAt = now();
      const pdf = await renderSealedPdf(await sealedData(tx, next.id, sealedAt));
      const pdfHash = createHash("sha256").update(pdf).digest("hex");
      await tx.sealedAgreement.create({ data: { agreementId: next.id, pdf: new Uint8Array(pdf), pdfHash, sealedAt } });
      await recordAudit(tx, workerContext, { action: "agreement.sealed", entityType: "Agreement", entityId: next.id, after: { reference: next.reference, pdfHash, bytes: pdf.byteLength } });
      return true;
    }, db).catch((error: unknown) => {
      if (!picked) throw error;
      console.error(`[seal] could not seal agreement ${picked}; it is retried on the next run`, error);
      failed.push(picked);
      return "failed" as const;
    });
    if (done === false) return sealed;
    if (done === true) sealed += 1;
  }
}
