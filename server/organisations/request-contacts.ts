import type { Db, Tx } from "../db";

/**
 * Who hears about a request on the applicant side: its creator while they
 * still belong to the request's organisation. Someone who has left stops
 * getting its emails; the organisation's current applicants and consortium
 * leads hear instead, so the news still reaches the organisation.
 */
export async function applicantContacts(db: Db | Tx, request: { organisationId: string; createdById: string }): Promise<{ email: string; isCreator: boolean }[]> {
  const creator = await db.membership.findFirst({ where: { userId: request.createdById, organisationId: request.organisationId }, select: { user: { select: { email: true } } } });
  if (creator) return [{ email: creator.user.email, isCreator: true }];
  const managers = await db.membership.findMany({
    where: { organisationId: request.organisationId, role: { in: ["APPLICANT", "CONSORTIUM_LEAD"] } },
    select: { user: { select: { email: true } } },
    distinct: ["userId"],
    orderBy: { createdAt: "asc" },
  });
  return managers.map((m) => ({ email: m.user.email, isCreator: false }));
}
