import { organisationIdsOf, type Actor } from "../access/actor";
import { rolesAccess, signedInAccess } from "../access/rules";
import type { Prisma } from "../generated/prisma/client";
import { heldAt, type MembershipSpan } from "../organisations/membership-history";
import type { RequestParty } from "./state-machine";

const applicantRoles = ["APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER"] as const;
const staffRoles = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

/** Who may call each access-request procedure at all; the record-level checks are below. */
export const accessRequestAccess = {
  list: signedInAccess,
  get: signedInAccess,
  create: rolesAccess(...applicantRoles),
  saveDraft: rolesAccess(...applicantRoles),
  submit: rolesAccess(...applicantRoles),
  withdraw: rolesAccess(...applicantRoles),
  startFeasibility: rolesAccess(...staffRoles),
  recordFeasibility: rolesAccess(...staffRoles),
  recordSafety: rolesAccess(...staffRoles),
  decide: rolesAccess("FACILITY_ADMIN"),
  grade: signedInAccess,
  allocate: signedInAccess,
  panelView: signedInAccess,
  countsForFunder: rolesAccess("FUNDER", "PLATFORM_ADMIN"),
  routes: signedInAccess,
} as const;

export interface PanelSeat {
  facilityId: string;
  cycleId: string;
  isChair: boolean;
  /** The seat holder's memberships, current and ended: conflicts are judged on them as they stood when the call closed. */
  memberships: readonly MembershipSpan[];
}

/** The facts about a request that decide who sees it and who acts on it. */
export interface RequestFacts {
  organisationId: string;
  facilityId: string;
  facilityOrganisationId: string;
  confidential: boolean;
  state: string;
  cycleId: string | null;
  /** When the request's call closed (or will close); null for routes without calls. */
  callClosesAt: Date | null;
}

/**
 * A panel member never reviews a request from an organisation they belonged
 * to when the request's call closed. Judged at the close, not today: joining
 * afterwards cannot make a member conflicted (and so remove them from the
 * grading), nor can leaving afterwards hide a conflict. A call still open is
 * judged on the memberships that will stand at its close if nothing changes:
 * the current ones. Without a call, the current memberships.
 */
export function hasConflictOfInterest(seat: Pick<PanelSeat, "memberships">, request: Pick<RequestFacts, "organisationId" | "callClosesAt">): boolean {
  return seat.memberships.some((m) => m.organisationId === request.organisationId && (request.callClosesAt ? heldAt(m, request.callClosesAt) : m.until === null));
}

export function panelSeatFor(seats: readonly PanelSeat[], request: RequestFacts): PanelSeat | undefined {
  return seats.find((s) => s.facilityId === request.facilityId && s.cycleId === request.cycleId);
}

/** The parties the actor acts as for this request (none means: may not act). */
export function partiesFor(actor: Actor, request: RequestFacts, seats: readonly PanelSeat[]): RequestParty[] {
  const parties: RequestParty[] = [];
  if (organisationIdsOf(actor, ...applicantRoles).includes(request.organisationId)) parties.push("applicantTeam");
  if (organisationIdsOf(actor, ...staffRoles).includes(request.facilityOrganisationId)) parties.push("facilityStaff");
  if (organisationIdsOf(actor, "FACILITY_ADMIN").includes(request.facilityOrganisationId)) parties.push("industrialOffice");
  const seat = panelSeatFor(seats, request);
  if (seat?.isChair && !request.confidential && !hasConflictOfInterest(seat, request)) parties.push("panelChair");
  return parties;
}

/** May grade: a panel seat for the request's cycle, an open-route request in panel review, and no conflict. */
export function mayGrade(actor: Actor, request: RequestFacts, seats: readonly PanelSeat[]): boolean {
  const seat = panelSeatFor(seats, request);
  return !request.confidential && request.state === "PANEL_REVIEW" && seat !== undefined && !hasConflictOfInterest(seat, request);
}

/**
 * Proprietary and SME requests: only the applicant organisation and the
 * facility's staff. Open-route requests in panel review: also the panel.
 * Drafts: only the applicant organisation.
 */
export function canSeeRequest(actor: Actor, request: RequestFacts, seats: readonly PanelSeat[]): boolean {
  if (organisationIdsOf(actor, ...applicantRoles).includes(request.organisationId)) return true;
  if (request.state === "DRAFT") return false;
  if (organisationIdsOf(actor, ...staffRoles).includes(request.facilityOrganisationId)) return true;
  return mayGrade(actor, request, seats) || (!request.confidential && panelSeatFor(seats, request) !== undefined && ["PANEL_REVIEW", "APPROVED", "REJECTED"].includes(request.state));
}

/** The same rule as canSeeRequest, as a database filter for lists. */
export function visibleRequestsWhere(actor: Actor, seats: readonly PanelSeat[]): Prisma.AccessRequestWhereInput {
  return {
    OR: [
      { organisationId: { in: organisationIdsOf(actor, ...applicantRoles) } },
      { state: { not: "DRAFT" }, facility: { organisationId: { in: organisationIdsOf(actor, ...staffRoles) } } },
      ...seats.map((s) => ({
        facilityId: s.facilityId,
        call: { cycleId: s.cycleId },
        route: { confidential: false },
        state: { in: ["PANEL_REVIEW", "APPROVED", "REJECTED"] as ("PANEL_REVIEW" | "APPROVED" | "REJECTED")[] },
      })),
    ],
  };
}
