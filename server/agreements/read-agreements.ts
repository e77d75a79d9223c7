import { isSignedIn, organisationIdsOf, type Actor } from "../access/actor";
import type { Db, Tx } from "../db";
import { isLeadOf } from "../consortia/policy";
import { notFound } from "../errors";
import { agreementCovers, agreementFacility } from "./agreement-facility";
import { templateInUse } from "./templates/latest-template";

/** The parties' people see an agreement: members of a signing organisation and the facility's staff. */
export async function getAgreement(db: Db, actor: Actor, agreementId: string) {
  const agreement = await db.agreement.findUnique({
    where: { id: agreementId },
    include: {
      template: { select: { title: true, kind: true, version: true, createdAt: true } },
      // Signers' addresses and browsers are kept for the sealed record, not shown to the other parties on the page.
      signatories: { omit: { ip: true, userAgent: true }, include: { organisation: { select: { id: true, name: true } } }, orderBy: { party: "asc" } },
      sealed: { select: { pdfHash: true, sealedAt: true } },
    },
  });
  const mine = organisationIdsOf(actor);
  if (!agreement || !agreement.signatories.some((s) => mine.includes(s.organisationId))) throw notFound("The agreement");
  const signerOf = isSignedIn(actor)
    ? (await db.membership.findMany({ where: { userId: actor.userId, authorisedSignatory: true }, select: { organisationId: true } })).map((m) => m.organisationId)
    : [];
  const [facility, covers] = await Promise.all([agreementFacility(db, agreement), agreementCovers(db, agreement)]);
  const inUse = await templateInUse(db, agreement.template.kind, facility.id);
  const live = agreement.state === "AWAITING_SIGNATURES" || agreement.state === "SIGNED";
  // The same people the send operations accept: the facility's staff, and for a block also its consortium's lead.
  const isStaff = organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN").includes(facility.organisationId);
  const consortium = agreement.consortiumId ? await db.consortium.findUnique({ where: { id: agreement.consortiumId }, select: { leadOrganisationId: true } }) : null;
  const mayResend = isStaff || (consortium !== null && isLeadOf(actor, consortium));
  return {
    agreement,
    covers,
    timeZone: facility.timeZone,
    /** Organisations the actor may sign for that have not answered yet. */
    canSignFor: agreement.state === "AWAITING_SIGNATURES" ? agreement.signatories.filter((s) => s.state === "PENDING" && signerOf.includes(s.organisationId)).map((s) => s.organisation) : [],
    /** Parties other than the actor's own that have not answered: the ones the actor may remind. */
    othersWaiting: agreement.state === "AWAITING_SIGNATURES" ? agreement.signatories.filter((s) => s.state === "PENDING" && !mine.includes(s.organisationId)).map((s) => s.organisation.name) : [],
    /** A newer template version the actor may send in place of this agreement. */
    newerTemplate: live && mayResend && inUse && inUse.id !== agreement.templateId && inUse.createdAt > agreement.template.createdAt ? { version: inUse.version, facilityOwn: inUse.facilityId !== null } : null,
    resend: agreement.requestId ? ({ requestId: agreement.requestId } as const) : ({ blockId: agreement.blockId! } as const),
  };
}

/** The live agreement of a request (awaiting signatures or signed), with who has yet to sign. */
export function agreementOfRequest(db: Db | Tx, requestId: string) {
  return latestAgreementOf(db, { requestId });
}

/** The live agreement of a consortium block, as for a request. */
export function agreementOfBlock(db: Db | Tx, blockId: string) {
  return latestAgreementOf(db, { blockId });
}

/** The newest agreement that is not superseded: awaiting signatures, signed, or declined (and why). */
async function latestAgreementOf(db: Db | Tx, subject: { requestId: string } | { blockId: string }) {
  const agreement = await db.agreement.findFirst({
    where: { ...subject, state: { in: ["AWAITING_SIGNATURES", "SIGNED", "DECLINED"] } },
    orderBy: { sentAt: "desc" },
    include: { signatories: { include: { organisation: { select: { name: true } } } } },
  });
  if (!agreement) return null;
  return {
    id: agreement.id,
    reference: agreement.reference,
    state: agreement.state,
    dataAccessTier: agreement.dataAccessTier,
    embargoEndsAt: agreement.embargoEndsAt,
    licence: agreement.licence,
    waitingFor: agreement.signatories.filter((s) => s.state === "PENDING").map((s) => s.organisation.name),
    signed: agreement.signatories.filter((s) => s.state === "SIGNED").map((s) => s.organisation.name),
    declined: agreement.signatories.filter((s) => s.state === "DECLINED").map((s) => ({ organisation: s.organisation.name, reason: s.declineReason })),
  };
}
