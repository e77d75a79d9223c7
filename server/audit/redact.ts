import { isPlatformAdmin, organisationIdsOf, type Actor } from "../access/actor";
import { requestParties } from "../access/request-parties";
import { canSeeRequest, type PanelSeat, type RequestFacts } from "../access-requests/policy";
import { canSeeBlock, type ConsortiumFacts } from "../consortia/policy";
import type { AuditEvent } from "../generated/prisma/client";
import { canManageOrganisation, canSeeOrganisation } from "../organisations/policy";

/**
 * What an audit row is about, as far as deciding who may read it: the facts
 * each capability's own policy decides on. Loaded by load-subjects.ts.
 */
export type AuditSubject =
  /** An access request: its policy (applicant organisation; facility staff unless a draft; the panel for open routes). */
  | { kind: "request"; facts: RequestFacts }
  /** Quotes, invoices, samples, shipments, containers, a request's bookings: the applicant organisation's people and the facility's staff. */
  | { kind: "experiment"; organisationId: string; facilityOrganisationId: string }
  /** A consortium's block, its sessions and placements: the lead, the member organisations and the host facility's staff. */
  | { kind: "block"; consortium: ConsortiumFacts; facilityOrganisationId: string }
  /** An agreement: the people of its signing parties. */
  | { kind: "agreement"; partyOrganisationIds: readonly string[] }
  /** Access routes and calls: offered to every signed-in person on the new-request form. */
  | { kind: "facilityOffer"; facilityOrganisationId: string }
  /** Rate cards, add-on prices, VAT and payment settings, maintenance and other non-user time: the facility's staff. */
  | { kind: "facilityInternal"; facilityOrganisationId: string }
  /** An organisation and its members: its members, and platform admins. */
  | { kind: "organisation"; organisationId: string }
  /** An invitation: the organisation's managers (the only ones shown pending invitations). */
  | { kind: "invitation"; organisationId: string }
  /** Platform-wide agreement templates, used by every facility: facility staff and platform admins. */
  | { kind: "agreementTemplate" }
  /** A person's own account events: the person, and platform admins, who administer accounts. */
  | { kind: "user"; userId: string }
  /** The record no longer exists or is not recognised: nobody may read what it said. */
  | { kind: "unknown" };

/** Who is reading: the actor, and their panel seats (which let panel members read open-route requests). */
export interface AuditViewer {
  actor: Actor;
  seats: readonly PanelSeat[];
}

/** Whether the viewer may read the record itself, by the rule of the capability that owns it. */
export function mayReadSubject(viewer: AuditViewer, subject: AuditSubject): boolean {
  const { actor } = viewer;
  switch (subject.kind) {
    case "request":
      return canSeeRequest(actor, subject.facts, viewer.seats);
    case "experiment": {
      const { isApplicant, isFacilityStaff } = requestParties(actor, subject);
      return isApplicant || isFacilityStaff;
    }
    case "block":
      return canSeeBlock(actor, subject.consortium, subject.facilityOrganisationId);
    case "agreement":
      return organisationIdsOf(actor).some((id) => subject.partyOrganisationIds.includes(id));
    case "facilityOffer":
      return actor.kind === "user";
    case "facilityInternal":
      return organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN").includes(subject.facilityOrganisationId);
    case "organisation":
      return canSeeOrganisation(actor, subject.organisationId);
    case "invitation":
      return canManageOrganisation(actor, subject.organisationId);
    case "agreementTemplate":
      return organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN", "PLATFORM_ADMIN").length > 0;
    case "user":
      return isPlatformAdmin(actor) || (actor.kind === "user" && actor.userId === subject.userId);
    case "unknown":
      return false;
  }
}

export type AuditRow = AuditEvent & { redacted: boolean };

/**
 * The one place an audit row is cut down for its reader. A reader who may read
 * the record the row is about sees all of it; anyone else sees when, who,
 * which action on which record (ids), and nothing of what changed: no
 * summary, no address, no browser.
 */
export function redactAuditEvent(viewer: AuditViewer, event: AuditEvent, subject: AuditSubject): AuditRow {
  if (mayReadSubject(viewer, subject)) return { ...event, redacted: false };
  return { ...event, summary: null, ip: null, userAgent: null, redacted: true };
}
