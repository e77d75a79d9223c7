import { organisationIdsOf, type Actor } from "../access/actor";
import type { Db } from "../db";
import { notFound } from "../errors";
import { canManageOrganisation, canSeeOrganisation } from "./policy";
import { clock } from "../clock";

export async function listMyOrganisations(db: Db, actor: Actor) {
  return db.organisation.findMany({
    where: { id: { in: organisationIdsOf(actor) } },
    include: { smeDeclaration: true, _count: { select: { memberships: true } } },
    orderBy: { name: "asc" },
  });
}

export async function getOrganisation(db: Db, actor: Actor, organisationId: string, now = clock.now()) {
  if (!canSeeOrganisation(actor, organisationId)) throw notFound("The organisation");
  const organisation = await db.organisation.findUnique({
    where: { id: organisationId },
    include: {
      smeDeclaration: true,
      memberships: { include: { user: { select: { id: true, name: true, email: true } } }, orderBy: [{ user: { name: "asc" } }, { role: "asc" }] },
      invitations: { where: { status: "PENDING", expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } },
      facility: { select: { id: true, name: true, code: true } },
    },
  });
  if (!organisation) throw notFound("The organisation");
  const canManage = canManageOrganisation(actor, organisationId);
  return { ...organisation, invitations: canManage ? organisation.invitations : [], canManage };
}

export async function listAllOrganisations(db: Db) {
  return db.organisation.findMany({
    include: { smeDeclaration: { select: { qualifies: true } }, _count: { select: { memberships: true } } },
    orderBy: { name: "asc" },
  });
}
