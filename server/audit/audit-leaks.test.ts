import { beforeAll, describe, expect, it } from "vitest";
import type { SignedInActor } from "../access/actor";
import { createAwaitingDecision, createBillingWorld, type BillingWorld } from "../billing/test-world";
import { inTransaction } from "../db";
import { createFacilityWorld, createSignedAgreement } from "../testing/access-fixtures";
import { callerFor, contextFor, createMember, testDb } from "../testing/fixtures";
import { auditEntityTypes } from "./actions";
import { loadAuditSubjects } from "./load-subjects";
import type { ListAuditInput } from "./schemas";
import { recordAudit } from "./record";

const db = testDb();
const day = 86_400_000;
const text = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/**
 * One SME request at one facility, taken through approval (a priced quote), a
 * purchase order, a radioactive sample and an agreement sent then declined;
 * read by a platform admin, the facility's admin and another facility's admin.
 */
let w: BillingWorld;
let applicant: SignedInActor;
let platformAdmin: SignedInActor;
let otherFacilityAdmin: SignedInActor;
let ids: { request: string; quote: string; sample: string; agreement: string; title: string };

beforeAll(async () => {
  w = await createBillingWorld(db);
  const awaiting = await createAwaitingDecision(db, w);
  applicant = awaiting.applicant;
  platformAdmin = await createMember(db, "PLATFORM_ADMIN");
  otherFacilityAdmin = (await createFacilityWorld(db)).admin;
  const requestId = awaiting.request.id;
  await callerFor(w.admin).accessRequests.decide({ requestId, approve: true, shifts: 6, note: "Approved at the SME rate." });
  await callerFor(applicant).billing.setPaymentTerms({ requestId, paymentTerms: "PURCHASE_ORDER", purchaseOrderNumber: "PO-KERNOW-7731" });
  const sample = await callerFor(applicant).samples.register({
    requestId, name: "Monazite-bearing tailings", materialClass: "TAILINGS", description: "", originSite: "Wheal Jane", originLocation: "Dam 3", originDepthM: null,
    collectedOn: new Date(Date.now() - 30 * day).toISOString().slice(0, 10), parentId: null, massGrams: 12, volumeMl: null, dimensions: "", igsn: null,
    hazards: ["RADIOACTIVE"], activityBq: 850, storageConditions: "Shielded", afterwards: "RETURN",
  });
  const agreement = await createSignedAgreement(db, w, awaiting.request, applicant);
  // The rows agreement sending and declining write (issue-agreement.ts, sign-agreement.ts), on a real agreement.
  await inTransaction(async (tx) => {
    await recordAudit(tx, contextFor(w.staff), { action: "agreement.sent", entityType: "Agreement", entityId: agreement.id, after: { reference: agreement.reference, subject: `${awaiting.request.reference} “${awaiting.request.title}”` } });
    await recordAudit(tx, contextFor(applicant), { action: "agreement.declined", entityType: "Agreement", entityId: agreement.id, after: { organisationId: awaiting.request.organisationId, reason: "Clause 7 hands our drill-core data to a competitor.", agreementState: "DECLINED" } });
  }, db);
  const quote = await db.quote.findUniqueOrThrow({ where: { requestId } });
  ids = { request: requestId, quote: quote.id, sample: sample.id, agreement: agreement.id, title: awaiting.request.title };
}, 60_000);

const list = (reader: SignedInActor, input: ListAuditInput) => callerFor(reader).audit.list({ limit: 200, ...input });

describe("the audit log shows details only to people who may read the record", () => {
  it("prices: a platform admin sees that a quote was made, not what it costs", async () => {
    const seen = await list(platformAdmin, { entityId: ids.quote, action: "quote.made" });
    expect(seen.events).toEqual([expect.objectContaining({ action: "quote.made", entityType: "Quote", entityId: ids.quote, redacted: true, summary: null, ip: null })]);
    expect(text(seen)).not.toMatch(/totalMinor|fullCostMinor|subsidyMinor/);
    const staff = await list(w.admin, { entityId: ids.quote, action: "quote.made" });
    expect(staff.events[0]).toMatchObject({ redacted: false, summary: { after: { totalMinor: expect.any(Number) } } });
  });

  it("purchase-order numbers: hidden from a platform admin, shown to the facility that bills", async () => {
    const seen = await list(platformAdmin, { entityId: ids.quote, action: "quote.payment_terms_set" });
    expect(seen.events).toHaveLength(1);
    expect(text(seen)).not.toContain("PO-KERNOW-7731");
    expect(text(await list(w.admin, { entityId: ids.quote, action: "quote.payment_terms_set" }))).toContain("PO-KERNOW-7731");
  });

  it("hazards: a platform admin does not learn that a sample is radioactive", async () => {
    const seen = await list(platformAdmin, { entityId: ids.sample });
    expect(seen.events.map((e) => e.action)).toEqual(["sample.registered"]);
    expect(text(seen)).not.toMatch(/RADIOACTIVE|850/);
    expect(text(await list(w.admin, { entityId: ids.sample }))).toContain("RADIOACTIVE");
  });

  it("request titles: an agreement's subject names the request, hidden from a platform admin", async () => {
    const seen = await list(platformAdmin, { entityId: ids.agreement, action: "agreement.sent" });
    expect(seen.events).toHaveLength(1);
    expect(text(seen)).not.toContain(ids.title);
    expect(text(await list(w.admin, { entityId: ids.agreement, action: "agreement.sent" }))).toContain(ids.title);
  });

  it("decline reasons: a platform admin sees that an agreement was declined, not why", async () => {
    const seen = await list(platformAdmin, { entityId: ids.agreement, action: "agreement.declined" });
    expect(seen.events).toEqual([expect.objectContaining({ action: "agreement.declined", redacted: true })]);
    expect(text(seen)).not.toContain("Clause 7");
    expect(text(await list(w.admin, { entityId: ids.agreement, action: "agreement.declined" }))).toContain("Clause 7");
  });

  it("the platform dashboard's latest activity carries no details either", async () => {
    const dashboard = await callerFor(platformAdmin).dashboard.get();
    expect(dashboard.platform!.recentAudit.length).toBeGreaterThan(0);
    for (const row of dashboard.platform!.recentAudit) expect(Object.keys(row).sort()).toEqual(["action", "actorEmail", "at", "id"]);
  });

  it("a platform admin who cannot read a request still sees its actions, by id", async () => {
    const seen = await list(platformAdmin, { entityId: ids.request });
    expect(seen.events.map((e) => e.action)).toEqual(["access_request.approve"]);
    expect(seen.events.every((e) => e.redacted && e.summary === null)).toBe(true);
  });
});

describe("a facility admin's log is their facility's records", () => {
  it("includes what applicants did to the facility's records", async () => {
    const seen = await list(w.admin, { actorEmail: applicant.email });
    expect(seen.events.map((e) => e.action).sort()).toEqual(["agreement.declined", "quote.payment_terms_set", "sample.registered"]);
    expect(seen.events.every((e) => !e.redacted)).toBe(true);
  });

  it("excludes another facility's records entirely", async () => {
    for (const entityId of Object.values(ids)) expect((await list(otherFacilityAdmin, { entityId })).total).toBe(0);
  });

  it("excludes what the facility's own people did elsewhere", async () => {
    const elsewhere = await createMember(db, "APPLICANT");
    const organisationId = elsewhere.memberships[0]!.organisationId;
    await inTransaction((tx) => recordAudit(tx, contextFor(w.staff), { action: "organisation.updated", entityType: "Organisation", entityId: organisationId, after: { description: "Edited by someone who also works at the facility" } }), db);
    expect((await list(w.admin, { entityId: organisationId })).total).toBe(0);
  });

  it("a facility's own agreement template is its own: another facility's admin does not see it, a platform admin sees only the action", async () => {
    const saved = await callerFor(w.admin).agreements.saveTemplateVersion({
      kind: "SME_INDUSTRIAL", facilityId: w.facility.id, basedOnVersion: (await db.agreementTemplate.aggregate({ where: { facilityId: w.facility.id, kind: "SME_INDUSTRIAL" }, _max: { version: true } }))._max.version ?? 0,
      title: "Severn SME terms", body: "Terms between {{parties}} for {{reference}}, with a confidential discount schedule agreed with the funder.", custodyClause: "{{applicant}} keeps its samples; {{facility}} holds them in custody.",
      dataAccessTier: "PROPRIETARY", embargoMonths: null, licence: null, changeNote: "Negotiated discount schedule",
    });
    expect((await list(w.admin, { entityId: saved.id })).events).toEqual([expect.objectContaining({ action: "agreement_template.version_saved", redacted: false })]);
    expect((await list(otherFacilityAdmin, { entityId: saved.id })).total).toBe(0);
    const platformView = await list(platformAdmin, { entityId: saved.id });
    expect(platformView.events).toEqual([expect.objectContaining({ action: "agreement_template.version_saved", redacted: true })]);
    expect(text(platformView)).not.toContain("Negotiated discount schedule");
  });

  it("does not show an applicant's draft to the facility before it is submitted", async () => {
    const { id } = await callerFor(applicant).accessRequests.create({ facilityId: w.facility.id, routeId: w.routes.SME_INDUSTRIAL.id, organisationId: applicant.memberships[0]!.organisationId });
    expect((await list(w.admin, { entityId: id })).total).toBe(0);
    expect((await list(platformAdmin, { entityId: id })).events).toEqual([expect.objectContaining({ action: "access_request.created", redacted: true })]);
  });
});

describe("loadAuditSubjects", () => {
  it("asks the database a valid question for every kind of record, and a record that is gone is unknown", async () => {
    const subjects = await loadAuditSubjects(db, auditEntityTypes.map((entityType) => ({ entityType, entityId: `gone-${entityType}` })));
    for (const entityType of auditEntityTypes) expect(subjects.get(`${entityType}:gone-${entityType}`)).toEqual(entityType === "User" ? { kind: "user", userId: "gone-User" } : { kind: "unknown" });
  });
});
