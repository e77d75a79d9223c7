import { isPlatformAdmin, organisationIdsOf, type Actor } from "../access/actor";
import { rolesAccess } from "../access/rules";
import { Prisma, type Db } from "../db";

export const auditAccess = {
  list: rolesAccess("PLATFORM_ADMIN", "FACILITY_ADMIN"),
} as const;

/**
 * Which rows a reader is shown at all, as a condition on "AuditEvent" a.
 * Platform admins: every row (redact.ts then hides the details of records they
 * may not read). Facility admins: the rows about their facility's records,
 * whoever acted (an applicant submitting, a consortium lead sharing out a
 * block), and not what their staff did elsewhere. A request still in draft is
 * not yet the facility's to see.
 */
export async function auditScopeSql(db: Db, actor: Actor): Promise<Prisma.Sql> {
  if (isPlatformAdmin(actor)) return Prisma.sql`TRUE`;
  const organisationIds = organisationIdsOf(actor, "FACILITY_ADMIN");
  if (organisationIds.length === 0) return Prisma.sql`FALSE`;
  const f = (await db.facility.findMany({ where: { organisationId: { in: organisationIds } }, select: { id: true } })).map((x) => x.id);
  const about = (entityType: string, ids: Prisma.Sql) => Prisma.sql`(a."entityType" = ${entityType} AND a."entityId" IN (${ids}))`;
  const onEndstation = (table: string) => Prisma.sql`SELECT t.id FROM ${Prisma.raw(`"${table}"`)} t JOIN "Endstation" e ON e.id = t."endstationId" WHERE e."facilityId" = ANY(${f}::text[])`;
  const ofFacility = (table: string) => Prisma.sql`SELECT id FROM ${Prisma.raw(`"${table}"`)} WHERE "facilityId" = ANY(${f}::text[])`;
  return Prisma.sql`(${Prisma.join(
    [
      about("AccessRequest", Prisma.sql`SELECT id FROM "AccessRequest" WHERE "facilityId" = ANY(${f}::text[]) AND state <> 'DRAFT'`),
      about("Booking", onEndstation("Booking")),
      about("BlockAllocation", onEndstation("BlockAllocation")),
      about("BlockSession", Prisma.sql`SELECT s.id FROM "BlockSession" s JOIN "Booking" p ON p.id = s."placementId" JOIN "Endstation" e ON e.id = p."endstationId" WHERE e."facilityId" = ANY(${f}::text[])`),
      about("Agreement", Prisma.sql`SELECT g.id FROM "Agreement" g LEFT JOIN "AccessRequest" r ON r.id = g."requestId" LEFT JOIN "BlockAllocation" b ON b.id = g."blockId" LEFT JOIN "Endstation" e ON e.id = b."endstationId" WHERE r."facilityId" = ANY(${f}::text[]) OR e."facilityId" = ANY(${f}::text[])`),
      // Platform-wide templates are every facility's; a facility's own are its alone.
      about("AgreementTemplate", Prisma.sql`SELECT id FROM "AgreementTemplate" WHERE "facilityId" IS NULL OR "facilityId" = ANY(${f}::text[])`),
      ...["Quote", "Invoice", "Sample", "Shipment", "AddOnRate", "AccessRoute", "Call"].map((t) => about(t, ofFacility(t))),
      about("Container", Prisma.sql`SELECT c.id FROM "Container" c JOIN "Shipment" s ON s.id = c."shipmentId" WHERE s."facilityId" = ANY(${f}::text[])`),
      about("RateCard", onEndstation("RateCard")),
      about("Run", ofFacility("Run")),
      about("PipelineTemplate", onEndstation("PipelineTemplate")),
      about("PipelineRun", Prisma.sql`SELECT p.id FROM "PipelineRun" p JOIN "Run" r ON r.id = p."runId" WHERE r."facilityId" = ANY(${f}::text[])`),
      Prisma.sql`(a."entityType" = 'Facility' AND a."entityId" = ANY(${f}::text[]))`,
      // The facility's own organisation: its members and invitations.
      Prisma.sql`(a."entityType" = 'Organisation' AND a."entityId" = ANY(${organisationIds}::text[]))`,
      about("Invitation", Prisma.sql`SELECT id FROM "Invitation" WHERE "organisationId" = ANY(${organisationIds}::text[])`),
    ],
    " OR ",
  )})`;
}
