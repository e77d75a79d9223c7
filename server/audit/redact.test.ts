import { describe, expect, it } from "vitest";
import type { ActorMembership, Role, SignedInActor } from "../access/actor";
import type { PanelSeat, RequestFacts } from "../access-requests/policy";
import type { AuditEvent } from "../generated/prisma/client";
import { auditActionSubjects, auditActions, requestEventActions, type AuditEntityType } from "./actions";
import { redactAuditEvent, type AuditSubject } from "./redact";

// A small world by id: an applicant organisation and its facility, an unrelated company, a second facility, a consortium.
const org = { applicant: "org-applicant", other: "org-other", facility: "org-facility", otherFacility: "org-facility-2", lead: "org-lead", member: "org-member", funder: "org-funder", operator: "org-operator" };

function person(userId: string, ...held: [string, Role][]): SignedInActor {
  const memberships: ActorMembership[] = held.map(([organisationId, role]) => ({ organisationId, organisationName: organisationId, organisationKind: "SME", role }));
  return { kind: "user", userId, email: `${userId}@test.example`, name: userId, memberships };
}

/** Every role, and the relationships to a record that change what a role may read. */
const viewers = {
  platformAdmin: person("platform-admin", [org.operator, "PLATFORM_ADMIN"]),
  platformAdminInApplicantOrganisation: person("platform-admin-applicant", [org.operator, "PLATFORM_ADMIN"], [org.applicant, "APPLICANT"]),
  facilityAdmin: person("facility-admin", [org.facility, "FACILITY_ADMIN"]),
  facilityStaff: person("facility-staff", [org.facility, "FACILITY_STAFF"]),
  otherFacilityAdmin: person("other-facility-admin", [org.otherFacility, "FACILITY_ADMIN"]),
  applicant: person("applicant", [org.applicant, "APPLICANT"]),
  outsideApplicant: person("outside-applicant", [org.other, "APPLICANT"]),
  consortiumLead: person("consortium-lead", [org.lead, "CONSORTIUM_LEAD"]),
  consortiumMember: person("consortium-member", [org.member, "CONSORTIUM_MEMBER"]),
  funder: person("funder", [org.funder, "FUNDER"]),
  accountOwner: person("account-owner", [org.other, "APPLICANT"]),
} as const;
type Viewer = keyof typeof viewers;
const everyone = Object.keys(viewers) as Viewer[];

const proprietaryRequest: RequestFacts = { organisationId: org.applicant, facilityId: "facility", facilityOrganisationId: org.facility, confidential: true, state: "SUBMITTED", cycleId: null, callClosesAt: null };
const experiment: AuditSubject = { kind: "experiment", organisationId: org.applicant, facilityOrganisationId: org.facility };
const block: AuditSubject = { kind: "block", consortium: { leadOrganisationId: org.lead, memberOrganisationIds: [org.member] }, facilityOrganisationId: org.facility };
const facilityInternal: AuditSubject = { kind: "facilityInternal", facilityOrganisationId: org.facility };
const facilityOffer: AuditSubject = { kind: "facilityOffer", facilityOrganisationId: org.facility };
const experimentReaders: Viewer[] = ["platformAdminInApplicantOrganisation", "facilityAdmin", "facilityStaff", "applicant"];

/** Each kind of record as it typically is, and who may read it, written out by hand from each capability's rule. */
const cases: Record<AuditEntityType, { subject: AuditSubject; readers: Viewer[] }> = {
  User: { subject: { kind: "user", userId: "account-owner" }, readers: ["platformAdmin", "platformAdminInApplicantOrganisation", "accountOwner"] },
  Organisation: { subject: { kind: "organisation", organisationId: org.applicant }, readers: ["platformAdmin", "platformAdminInApplicantOrganisation", "applicant"] },
  Invitation: { subject: { kind: "invitation", organisationId: org.applicant }, readers: ["platformAdmin", "platformAdminInApplicantOrganisation", "applicant"] },
  AccessRequest: { subject: { kind: "request", facts: proprietaryRequest }, readers: experimentReaders },
  AccessRoute: { subject: facilityOffer, readers: everyone },
  Call: { subject: facilityOffer, readers: everyone },
  Booking: { subject: experiment, readers: experimentReaders },
  BlockAllocation: { subject: block, readers: ["facilityAdmin", "facilityStaff", "consortiumLead", "consortiumMember"] },
  BlockSession: { subject: block, readers: ["facilityAdmin", "facilityStaff", "consortiumLead", "consortiumMember"] },
  Agreement: { subject: { kind: "agreement", partyOrganisationIds: [org.applicant, org.facility] }, readers: experimentReaders },
  AgreementTemplate: { subject: { kind: "agreementTemplate" }, readers: ["platformAdmin", "platformAdminInApplicantOrganisation", "facilityAdmin", "facilityStaff", "otherFacilityAdmin"] },
  Quote: { subject: experiment, readers: experimentReaders },
  Invoice: { subject: experiment, readers: experimentReaders },
  RateCard: { subject: facilityInternal, readers: ["facilityAdmin", "facilityStaff"] },
  AddOnRate: { subject: facilityInternal, readers: ["facilityAdmin", "facilityStaff"] },
  Facility: { subject: facilityInternal, readers: ["facilityAdmin", "facilityStaff"] },
  Sample: { subject: experiment, readers: experimentReaders },
  Shipment: { subject: experiment, readers: experimentReaders },
  Container: { subject: experiment, readers: experimentReaders },
  Run: { subject: experiment, readers: experimentReaders },
  PipelineRun: { subject: experiment, readers: experimentReaders },
  PipelineTemplate: { subject: facilityInternal, readers: ["facilityAdmin", "facilityStaff"] },
};

const summary = { before: { purchaseOrderNumber: null }, after: { purchaseOrderNumber: "PO-SECRET-1", title: "Secret title", totalMinor: 384_000, hazards: ["RADIOACTIVE"], reason: "Secret reason" } };
const row = (action: string, entityType: string): AuditEvent => ({ id: 41n, at: new Date("2027-03-01T10:00:00Z"), actorId: "someone", actorEmail: "someone@test.example", action, entityType, entityId: "record-1", summary, ip: "203.0.113.9", userAgent: "Firefox" });

function expectRedacted(result: ReturnType<typeof redactAuditEvent>, event: AuditEvent) {
  expect(result).toEqual({ ...event, summary: null, ip: null, userAgent: null, redacted: true });
  expect(JSON.stringify(result, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toMatch(/SECRET|Secret|384000|RADIOACTIVE|203\.0\.113/);
}

const everyAction: [string, readonly AuditEntityType[]][] = [
  ...auditActions.map((a): [string, readonly AuditEntityType[]] => [a, auditActionSubjects[a]]),
  ...requestEventActions.map((a): [string, readonly AuditEntityType[]] => [a, ["AccessRequest"]]),
];
const matrix = everyAction.flatMap(([action, types]) => types.flatMap((type) => everyone.map((viewer) => ({ action, type, viewer, reads: cases[type].readers.includes(viewer) }))));

describe("redactAuditEvent: every audit action, read by every role and relationship", () => {
  it("covers every action the log knows, and every state-machine event", () => {
    expect(everyAction.length).toBe(auditActions.length + requestEventActions.length);
    expect(requestEventActions).toEqual(expect.arrayContaining(["access_request.submit", "access_request.approve", "access_request.decline", "access_request.failSafety"]));
  });

  it.each(matrix)("$action on $type, read by $viewer: full details $reads", ({ action, type, viewer, reads }) => {
    const event = row(action, type);
    const result = redactAuditEvent({ actor: viewers[viewer], seats: [] }, event, cases[type].subject);
    if (reads) expect(result).toEqual({ ...event, redacted: false });
    else expectRedacted(result, event);
  });
});

describe("redactAuditEvent: relationships that change the answer", () => {
  const seat = (memberships: PanelSeat["memberships"] = []): PanelSeat => ({ facilityId: "facility", cycleId: "cycle", isChair: false, memberships });
  const openRequest: RequestFacts = { ...proprietaryRequest, confidential: false, state: "PANEL_REVIEW", cycleId: "cycle", callClosesAt: new Date("2027-02-01T00:00:00Z") };

  it("a draft is its organisation's alone: the facility's admin sees the action, not the details", () => {
    const draft: AuditSubject = { kind: "request", facts: { ...proprietaryRequest, state: "DRAFT" } };
    expectRedacted(redactAuditEvent({ actor: viewers.facilityAdmin, seats: [] }, row("access_request.created", "AccessRequest"), draft), row("access_request.created", "AccessRequest"));
    expect(redactAuditEvent({ actor: viewers.applicant, seats: [] }, row("access_request.created", "AccessRequest"), draft).redacted).toBe(false);
  });

  it("a panel seat for the cycle reads an open-route request in review; the same person without the seat does not", () => {
    const subject: AuditSubject = { kind: "request", facts: openRequest };
    expect(redactAuditEvent({ actor: viewers.outsideApplicant, seats: [seat()] }, row("access_request.graded", "AccessRequest"), subject).redacted).toBe(false);
    expect(redactAuditEvent({ actor: viewers.outsideApplicant, seats: [] }, row("access_request.graded", "AccessRequest"), subject).redacted).toBe(true);
    expect(redactAuditEvent({ actor: viewers.outsideApplicant, seats: [seat()] }, row("access_request.graded", "AccessRequest"), { kind: "request", facts: { ...openRequest, confidential: true } }).redacted).toBe(true);
  });

  it("a consortium member is not a reader of another consortium's block, nor a lead of it", () => {
    const otherBlock: AuditSubject = { kind: "block", consortium: { leadOrganisationId: "org-other-lead", memberOrganisationIds: ["org-someone"] }, facilityOrganisationId: org.otherFacility };
    for (const viewer of ["consortiumLead", "consortiumMember", "facilityAdmin", "platformAdmin"] as const) {
      expect(redactAuditEvent({ actor: viewers[viewer], seats: [] }, row("block.shares_set", "BlockAllocation"), otherBlock).redacted).toBe(true);
    }
  });

  it("a request's bookings and a block's bookings follow their owner; non-user time is the facility's", () => {
    expect(redactAuditEvent({ actor: viewers.consortiumMember, seats: [] }, row("block.placed", "Booking"), block).redacted).toBe(false);
    expect(redactAuditEvent({ actor: viewers.applicant, seats: [] }, row("non_user_time.added", "Booking"), facilityInternal).redacted).toBe(true);
    expect(redactAuditEvent({ actor: viewers.facilityStaff, seats: [] }, row("non_user_time.added", "Booking"), facilityInternal).redacted).toBe(false);
  });

  it("a record that no longer exists is read by nobody", () => {
    for (const viewer of everyone) expect(redactAuditEvent({ actor: viewers[viewer], seats: [] }, row("organisation.updated", "Organisation"), { kind: "unknown" }).redacted).toBe(true);
  });

  it("anonymous readers see nothing of any record", () => {
    for (const type of Object.keys(cases) as AuditEntityType[]) {
      expect(redactAuditEvent({ actor: { kind: "anonymous" }, seats: [] }, row("x", type), cases[type].subject).redacted).toBe(true);
    }
  });
});
