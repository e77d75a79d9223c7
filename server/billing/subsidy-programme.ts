import type { Db, Tx } from "../db";

/**
 * The programme that subsidises a request: only SME industrial access by an
 * organisation whose SME declaration qualifies, at a facility the programme
 * covers. The request's demonstrator's programme comes first; otherwise the
 * earliest running programme that pays a subsidy in the quote's currency.
 */
export async function subsidyProgrammeFor(db: Db | Tx, request: { organisationId: string; facilityId: string; demonstratorId: string | null; route: { kind: string } }, currency: string, at: Date) {
  if (request.route.kind !== "SME_INDUSTRIAL") return null;
  const sme = await db.smeDeclaration.findUnique({ where: { organisationId: request.organisationId }, select: { qualifies: true } });
  if (!sme?.qualifies) return null;
  const running = { currency, subsidyBasisPoints: { gt: 0 }, startsOn: { lte: at }, endsOn: { gt: at }, facilities: { some: { facilityId: request.facilityId } } };
  if (request.demonstratorId) {
    const viaDemonstrator = await db.programme.findFirst({ where: { ...running, demonstrators: { some: { id: request.demonstratorId } } } });
    if (viaDemonstrator) return viaDemonstrator;
  }
  return db.programme.findFirst({ where: running, orderBy: { startsOn: "asc" } });
}
