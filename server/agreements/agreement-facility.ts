import type { Db, Tx } from "../db";

/** The facility an agreement belongs to (through its request or its block): its zone decides how times are shown. */
export async function agreementFacility(db: Db | Tx, agreement: { requestId: string | null; blockId: string | null }) {
  const select = { id: true, organisationId: true, name: true, timeZone: true } as const;
  if (agreement.requestId) return (await db.accessRequest.findUniqueOrThrow({ where: { id: agreement.requestId }, select: { facility: { select } } })).facility;
  if (agreement.blockId) return (await db.blockAllocation.findUniqueOrThrow({ where: { id: agreement.blockId }, select: { endstation: { select: { facility: { select } } } } })).endstation.facility;
  throw new Error("An agreement covers a request or a block (agreement_has_one_subject)");
}

/** What an agreement covers, in words: the request's reference and title, or the consortium's block. */
export async function agreementCovers(db: Db | Tx, agreement: { requestId: string | null; blockId: string | null }) {
  if (agreement.requestId) {
    const request = await db.accessRequest.findUniqueOrThrow({ where: { id: agreement.requestId }, select: { id: true, reference: true, title: true } });
    return { label: `${request.reference} “${request.title}”`, href: `/requests/${request.id}`, linkText: `Back to ${request.reference}` };
  }
  const block = await db.blockAllocation.findUniqueOrThrow({ where: { id: agreement.blockId! }, select: { id: true, consortium: { select: { acronym: true } }, endstation: { select: { name: true } } } });
  return { label: `${block.consortium.acronym}'s block on ${block.endstation.name}`, href: `/consortia#block-${block.id}`, linkText: `Back to ${block.consortium.acronym}'s block` };
}
