import { isPlatformAdmin, organisationIdsOf, type Actor } from "../../access/actor";
import type { Db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { mayEditTemplates } from "../policy";
import { agreementKinds } from "../schemas";

/**
 * The templates the actor keeps or works with: the platform-wide ones, and
 * each of the actor's facilities with, per kind, its own versions (newest
 * first) or the platform-wide version it uses meanwhile. Agreement counts
 * cover only agreements the actor's facilities signed, except for platform
 * admins, who see totals.
 */
export async function listTemplates(db: Db, actor: Actor) {
  const facilities = await db.facility.findMany({ where: { organisationId: { in: organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN") } }, select: { id: true, name: true, organisationId: true }, orderBy: { name: "asc" } });
  const templates = await db.agreementTemplate.findMany({ where: { OR: [{ facilityId: null }, { facilityId: { in: facilities.map((f) => f.id) } }] }, orderBy: [{ kind: "asc" }, { version: "desc" }] });
  const counted: Prisma.AgreementWhereInput = { templateId: { in: templates.map((t) => t.id) }, ...(isPlatformAdmin(actor) ? {} : { signatories: { some: { organisationId: { in: facilities.map((f) => f.organisationId) } } } }) };
  const [all, waiting, authors] = await Promise.all([
    db.agreement.groupBy({ by: ["templateId"], where: counted, _count: true }),
    db.agreement.groupBy({ by: ["templateId"], where: { ...counted, state: "AWAITING_SIGNATURES" }, _count: true }),
    db.user.findMany({ where: { id: { in: [...new Set(templates.map((t) => t.createdById))] } }, select: { id: true, name: true } }),
  ]);
  const versionsOf = (facilityId: string | null, kind: (typeof agreementKinds)[number]) =>
    templates
      .filter((t) => t.facilityId === facilityId && t.kind === kind)
      .map((t) => ({ ...t, agreements: all.find((c) => c.templateId === t.id)?._count ?? 0, awaiting: waiting.find((c) => c.templateId === t.id)?._count ?? 0, author: authors.find((a) => a.id === t.createdById)?.name ?? "unknown" }));
  const scope = (facility: (typeof facilities)[number] | null) => ({
    facility: facility ? { id: facility.id, name: facility.name } : null,
    editable: mayEditTemplates(actor, facility),
    kinds: agreementKinds.map((kind) => {
      const versions = versionsOf(facility?.id ?? null, kind);
      // A facility without its own template of this kind uses the platform's newest.
      const platformInUse = facility && versions.length === 0 ? (versionsOf(null, kind)[0] ?? null) : null;
      return { kind, versions, platformInUse };
    }),
  });
  return [scope(null), ...facilities.map(scope)];
}
