import { isSignedIn, organisationIdsOf, type Actor } from "../access/actor";
import type { Db, Tx } from "../db";
import { notFound } from "../errors";

/** The parties' people see an agreement: members of a signing organisation and the facility's staff. */
export async function getAgreement(db: Db, actor: Actor, agreementId: string) {
  const agreement = await db.agreement.findUnique({
    where: { id: agreementId },
    include: { template: { select: { title: true, kind: true, version: true } }, signatories: { include: { organisation: { select: { id: true, name: true } } }, orderBy: { party: "asc" } } },
  });
  const mine = organisationIdsOf(actor);
  if (!agreement || !agreement.signatories.some((s) => mine.includes(s.organisationId))) throw notFound("The agreement");
  const signerOf = isSignedIn(actor)
    ? (await db.membership.findMany({ where: { userId: actor.userId, authorisedSignatory: true }, select: { organisationId: true } })).map((m) => m.organisationId)
    : [];
  const request = agreement.requestId ? await db.accessRequest.findUnique({ where: { id: agreement.requestId }, select: { id: true, reference: true, title: true } }) : null;
  return {
    agreement,
    request,
    /** Organisations the actor may sign for that have not answered yet. */
    canSignFor: agreement.state === "AWAITING_SIGNATURES" ? agreement.signatories.filter((s) => s.state === "PENDING" && signerOf.includes(s.organisationId)).map((s) => s.organisation) : [],
  };
}

/** The live agreement of a request (awaiting signatures or signed), with who has yet to sign. */
export async function agreementOfRequest(db: Db | Tx, requestId: string) {
  const agreement = await db.agreement.findFirst({
    where: { requestId, state: { in: ["AWAITING_SIGNATURES", "SIGNED", "DECLINED"] } },
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
    declined: agreement.signatories.filter((s) => s.state === "DECLINED").map((s) => ({ organisation: s.organisation.name, reason: s.declineReason })),
  };
}
