import { isPlatformAdmin, organisationIdsOf, type Actor } from "../access/actor";
import { rolesAccess } from "../access/rules";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";

export const auditAccess = {
  list: rolesAccess("PLATFORM_ADMIN", "FACILITY_ADMIN"),
} as const;

/**
 * Platform admins read the whole log; a facility admin reads what the people
 * of their own facility did (other organisations' activity stays private).
 */
export async function auditScope(db: Db, actor: Actor): Promise<Prisma.AuditEventWhereInput> {
  if (isPlatformAdmin(actor)) return {};
  const organisationIds = organisationIdsOf(actor, "FACILITY_ADMIN");
  const colleagues = await db.membership.findMany({ where: { organisationId: { in: organisationIds } }, select: { userId: true }, distinct: ["userId"] });
  return { actorId: { in: colleagues.map((c) => c.userId) } };
}
