import { requestFactsOf } from "../access-requests/load-request";
import type { Db } from "../db";
import type { AuditEntityType } from "./actions";
import type { AuditSubject } from "./redact";

type Ids = readonly string[];
type Loader = (db: Db, ids: Ids) => Promise<[string, AuditSubject][]>;

const consortiumFacts = (c: { leadOrganisationId: string; members: { organisationId: string }[] }) => ({ leadOrganisationId: c.leadOrganisationId, memberOrganisationIds: c.members.map((m) => m.organisationId) });
const consortiumSelect = { leadOrganisationId: true, members: { select: { organisationId: true } } } as const;
const blockSelect = { consortium: { select: consortiumSelect }, endstation: { select: { facility: { select: { organisationId: true } } } } } as const;
const blockSubject = (b: { consortium: { leadOrganisationId: string; members: { organisationId: string }[] }; endstation: { facility: { organisationId: string } } }): AuditSubject => ({
  kind: "block",
  consortium: consortiumFacts(b.consortium),
  facilityOrganisationId: b.endstation.facility.organisationId,
});
const experiment = (r: { id: string; organisationId: string; facility: { organisationId: string } }): [string, AuditSubject] => [r.id, { kind: "experiment", organisationId: r.organisationId, facilityOrganisationId: r.facility.organisationId }];
const facilityOrg = { facility: { select: { organisationId: true } } } as const;

/** For each kind of record, how to find the facts its reading rule needs. A type not listed here does not compile. */
const loaders: Record<AuditEntityType, Loader> = {
  User: async (_db, ids) => ids.map((id) => [id, { kind: "user", userId: id }]),
  Organisation: async (db, ids) => (await db.organisation.findMany({ where: { id: { in: [...ids] } }, select: { id: true } })).map((o) => [o.id, { kind: "organisation", organisationId: o.id }]),
  Invitation: async (db, ids) => (await db.invitation.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organisationId: true } })).map((i) => [i.id, { kind: "invitation", organisationId: i.organisationId }]),
  AccessRequest: async (db, ids) =>
    (await db.accessRequest.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organisationId: true, facilityId: true, state: true, facility: { select: { organisationId: true } }, route: { select: { confidential: true } }, call: { select: { cycleId: true, closesAt: true } } } })).map((r) => [
      r.id,
      { kind: "request", facts: requestFactsOf(r) },
    ]),
  AccessRoute: async (db, ids) => (await db.accessRoute.findMany({ where: { id: { in: [...ids] } }, select: { id: true, ...facilityOrg } })).map((r) => [r.id, { kind: "facilityOffer", facilityOrganisationId: r.facility.organisationId }]),
  Call: async (db, ids) => (await db.call.findMany({ where: { id: { in: [...ids] } }, select: { id: true, ...facilityOrg } })).map((c) => [c.id, { kind: "facilityOffer", facilityOrganisationId: c.facility.organisationId }]),
  Booking: async (db, ids) =>
    (await db.booking.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, request: { select: { organisationId: true } }, block: { select: blockSelect }, endstation: { select: { facility: { select: { organisationId: true } } } } },
    })).map((b): [string, AuditSubject] => {
      const facilityOrganisationId = b.endstation.facility.organisationId;
      if (b.request) return [b.id, { kind: "experiment", organisationId: b.request.organisationId, facilityOrganisationId }];
      if (b.block) return [b.id, blockSubject(b.block)];
      return [b.id, { kind: "facilityInternal", facilityOrganisationId }];
    }),
  BlockAllocation: async (db, ids) => (await db.blockAllocation.findMany({ where: { id: { in: [...ids] } }, select: { id: true, ...blockSelect } })).map((b) => [b.id, blockSubject(b)]),
  BlockSession: async (db, ids) =>
    (await db.blockSession.findMany({ where: { id: { in: [...ids] } }, select: { id: true, placement: { select: { block: { select: blockSelect } } } } })).map((s): [string, AuditSubject] => [s.id, s.placement.block ? blockSubject(s.placement.block) : { kind: "unknown" }]),
  Agreement: async (db, ids) =>
    (await db.agreement.findMany({ where: { id: { in: [...ids] } }, select: { id: true, signatories: { select: { organisationId: true } } } })).map((a) => [a.id, { kind: "agreement", partyOrganisationIds: a.signatories.map((s) => s.organisationId) }]),
  // A facility's own template is its staff's; a platform-wide one is every facility's and the platform admins'.
  AgreementTemplate: async (db, ids) =>
    (await db.agreementTemplate.findMany({ where: { id: { in: [...ids] } }, select: { id: true, facility: { select: { organisationId: true } } } })).map((t): [string, AuditSubject] => [
      t.id,
      t.facility ? { kind: "facilityInternal", facilityOrganisationId: t.facility.organisationId } : { kind: "agreementTemplate" },
    ]),
  Run: async (db, ids) => (await db.run.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organisationId: true, ...facilityOrg } })).map(experiment),
  PipelineRun: async (db, ids) =>
    (await db.pipelineRun.findMany({ where: { id: { in: [...ids] } }, select: { id: true, run: { select: { organisationId: true, ...facilityOrg } } } })).map((p) => experiment({ id: p.id, organisationId: p.run.organisationId, facility: p.run.facility })),
  PipelineTemplate: async (db, ids) =>
    (await db.pipelineTemplate.findMany({ where: { id: { in: [...ids] } }, select: { id: true, endstation: { select: { facility: { select: { organisationId: true } } } } } })).map((t): [string, AuditSubject] => [t.id, { kind: "facilityInternal", facilityOrganisationId: t.endstation.facility.organisationId }]),
  Quote: async (db, ids) => (await db.quote.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organisationId: true, ...facilityOrg } })).map(experiment),
  Invoice: async (db, ids) => (await db.invoice.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organisationId: true, ...facilityOrg } })).map(experiment),
  Sample: async (db, ids) =>
    (await db.sample.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organisationId: true, request: { select: facilityOrg } } })).map((x) => experiment({ id: x.id, organisationId: x.organisationId, facility: x.request.facility })),
  Shipment: async (db, ids) => (await db.shipment.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organisationId: true, ...facilityOrg } })).map(experiment),
  Container: async (db, ids) =>
    (await db.container.findMany({ where: { id: { in: [...ids] } }, select: { id: true, shipment: { select: { organisationId: true, ...facilityOrg } } } })).map((c) => experiment({ id: c.id, ...c.shipment })),
  RateCard: async (db, ids) =>
    (await db.rateCard.findMany({ where: { id: { in: [...ids] } }, select: { id: true, endstation: { select: facilityOrg } } })).map((r) => [r.id, { kind: "facilityInternal", facilityOrganisationId: r.endstation.facility.organisationId }]),
  AddOnRate: async (db, ids) => (await db.addOnRate.findMany({ where: { id: { in: [...ids] } }, select: { id: true, ...facilityOrg } })).map((r) => [r.id, { kind: "facilityInternal", facilityOrganisationId: r.facility.organisationId }]),
  Facility: async (db, ids) => (await db.facility.findMany({ where: { id: { in: [...ids] } }, select: { id: true, organisationId: true } })).map((f) => [f.id, { kind: "facilityInternal", facilityOrganisationId: f.organisationId }]),
};

export const subjectKey = (event: { entityType: string; entityId: string }) => `${event.entityType}:${event.entityId}`;

/** The subject of every row on a page, keyed by subjectKey; a row whose record is gone (or of an unknown type) maps to "unknown". */
export async function loadAuditSubjects(db: Db, events: readonly { entityType: string; entityId: string }[]): Promise<Map<string, AuditSubject>> {
  const idsByType = new Map<string, Set<string>>();
  for (const e of events) idsByType.set(e.entityType, (idsByType.get(e.entityType) ?? new Set()).add(e.entityId));
  const subjects = new Map<string, AuditSubject>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      const loader = (loaders as Record<string, Loader | undefined>)[type];
      if (!loader) return;
      for (const [id, subject] of await loader(db, [...ids])) subjects.set(subjectKey({ entityType: type, entityId: id }), subject);
    }),
  );
  for (const e of events) if (!subjects.has(subjectKey(e))) subjects.set(subjectKey(e), { kind: "unknown" });
  return subjects;
}
