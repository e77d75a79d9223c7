import { hasRole, isPlatformAdmin, organisationIdsOf, type SignedInActor } from "../access/actor";
import type { Db } from "../db";
import { clock } from "../clock";
import { dashboardBlocks } from "../consortia/dashboard-blocks";

/**
 * What each of the actor's roles needs on its dashboard. Sections are only
 * loaded for roles the actor holds, and only for the actor's organisations.
 */
export async function getDashboard(db: Db, actor: SignedInActor, now = clock.now()) {
  const myOrganisationIds = organisationIdsOf(actor);
  const [organisations, pendingInvitations] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: myOrganisationIds } }, include: { smeDeclaration: true }, orderBy: { name: "asc" } }),
    db.invitation.findMany({ where: { email: actor.email, status: "PENDING", expiresAt: { gt: now } }, include: { organisation: { select: { name: true } } } }),
  ]);

  const consortiumOrgIds = organisationIdsOf(actor, "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER");
  const consortiumRows = consortiumOrgIds.length
    ? await db.consortium.findMany({
        where: { OR: [{ leadOrganisationId: { in: consortiumOrgIds } }, { members: { some: { organisationId: { in: consortiumOrgIds } } } }] },
        include: { leadOrganisation: { select: { id: true, name: true } }, members: { include: { organisation: { select: { id: true, name: true, kind: true } } }, orderBy: { joinedAt: "asc" } } },
        orderBy: { name: "asc" },
      })
    : [];
  // Each consortium's blocks still to run, with the shares the actor may see.
  const consortia = await Promise.all(consortiumRows.map(async (c) => ({ ...c, ...(await dashboardBlocks(db, actor, c, now)) })));

  const facilityOrgIds = organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN");
  const facilities = facilityOrgIds.length
    ? await db.facility.findMany({
        where: { organisationId: { in: facilityOrgIds } },
        include: { endstations: { orderBy: { code: "asc" } }, cycles: { where: { endsAt: { gt: now } }, orderBy: { startsAt: "asc" } } },
      })
    : [];

  const funderOrgIds = organisationIdsOf(actor, "FUNDER");
  const programmes = funderOrgIds.length
    ? await db.programme.findMany({
        where: { funderOrganisationId: { in: funderOrgIds } },
        include: { demonstrators: { include: { leadOrganisation: { select: { name: true } } }, orderBy: { title: "asc" } } },
      })
    : [];

  const platform = isPlatformAdmin(actor)
    ? await Promise.all([
        db.organisation.count(),
        db.user.count(),
        db.outboxMessage.count({ where: { status: "PENDING" } }),
        db.outboxMessage.count({ where: { status: "FAILED" } }),
        // Only what the dashboard shows: the details of a row are for readers of its record (server/audit/redact.ts, on /admin/audit).
        db.auditEvent.findMany({ orderBy: { id: "desc" }, take: 8, select: { id: true, at: true, action: true, actorEmail: true } }),
      ]).then(([organisationCount, userCount, mailPending, mailFailed, recentAudit]) => ({ organisationCount, userCount, mailPending, mailFailed, recentAudit }))
    : null;

  return {
    roles: [...new Set(actor.memberships.map((m) => m.role))],
    organisations,
    pendingInvitations,
    consortia,
    facilities,
    programmes,
    platform,
    isApplicant: hasRole(actor, "APPLICANT"),
  };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
