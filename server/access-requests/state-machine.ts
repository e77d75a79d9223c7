import type { AccessRequestState, AccessRouteKind } from "../generated/prisma/enums";

/**
 * The life of an access request, as one table: from which state, on which
 * event, to which state, fired by whom, on which routes. Nothing else in the
 * code decides whether a transition is allowed.
 */
export type RequestEvent =
  | "submit"
  | "startFeasibility"
  | "requestChanges"
  | "confirmFeasible"
  | "rejectInfeasible"
  | "clearSafety"
  | "failSafety"
  | "approve"
  | "reject"
  | "allocate"
  | "decline"
  | "withdraw";

/** Who fires an event; the policy decides who that is for a given request. */
export type RequestParty = "applicantTeam" | "facilityStaff" | "industrialOffice" | "panelChair";

/** Industrial routes are decided by the facility's industrial office; open routes by the panel. */
export type RouteFamily = "industrial" | "panel";

export function routeFamily(kind: AccessRouteKind): RouteFamily {
  return kind === "NON_PROPRIETARY" ? "panel" : "industrial";
}

export interface Transition {
  from: AccessRequestState;
  event: RequestEvent;
  to: AccessRequestState;
  by: RequestParty;
  /** Only on these route families; both when absent. */
  family?: RouteFamily;
}

const live: AccessRequestState[] = ["DRAFT", "SUBMITTED", "FEASIBILITY_REVIEW", "CHANGES_REQUESTED", "SAFETY_REVIEW", "AWAITING_DECISION", "PANEL_REVIEW"];

export const transitions: readonly Transition[] = [
  { from: "DRAFT", event: "submit", to: "SUBMITTED", by: "applicantTeam" },
  { from: "CHANGES_REQUESTED", event: "submit", to: "SUBMITTED", by: "applicantTeam" },
  { from: "SUBMITTED", event: "startFeasibility", to: "FEASIBILITY_REVIEW", by: "facilityStaff" },
  { from: "FEASIBILITY_REVIEW", event: "requestChanges", to: "CHANGES_REQUESTED", by: "facilityStaff" },
  { from: "FEASIBILITY_REVIEW", event: "confirmFeasible", to: "SAFETY_REVIEW", by: "facilityStaff" },
  { from: "FEASIBILITY_REVIEW", event: "rejectInfeasible", to: "REJECTED", by: "facilityStaff" },
  { from: "SAFETY_REVIEW", event: "clearSafety", to: "AWAITING_DECISION", by: "facilityStaff", family: "industrial" },
  { from: "SAFETY_REVIEW", event: "clearSafety", to: "PANEL_REVIEW", by: "facilityStaff", family: "panel" },
  { from: "SAFETY_REVIEW", event: "failSafety", to: "REJECTED", by: "facilityStaff" },
  { from: "AWAITING_DECISION", event: "approve", to: "APPROVED", by: "industrialOffice", family: "industrial" },
  { from: "AWAITING_DECISION", event: "reject", to: "REJECTED", by: "industrialOffice", family: "industrial" },
  { from: "PANEL_REVIEW", event: "allocate", to: "APPROVED", by: "panelChair", family: "panel" },
  { from: "PANEL_REVIEW", event: "decline", to: "REJECTED", by: "panelChair", family: "panel" },
  ...live.map((from): Transition => ({ from, event: "withdraw", to: "WITHDRAWN", by: "applicantTeam" })),
];

export function findTransition(from: AccessRequestState, event: RequestEvent, family: RouteFamily): Transition | undefined {
  return transitions.find((t) => t.from === from && t.event === event && (t.family === undefined || t.family === family));
}

/** The events a party could fire now, for showing the right buttons. */
export function availableEvents(from: AccessRequestState, family: RouteFamily, parties: readonly RequestParty[]): RequestEvent[] {
  return transitions.filter((t) => t.from === from && (t.family === undefined || t.family === family) && parties.includes(t.by)).map((t) => t.event);
}

export const terminalStates: AccessRequestState[] = ["APPROVED", "REJECTED", "WITHDRAWN"];

export const stateLabels: Record<AccessRequestState, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  FEASIBILITY_REVIEW: "Feasibility review",
  CHANGES_REQUESTED: "Changes requested",
  SAFETY_REVIEW: "Safety review",
  AWAITING_DECISION: "Awaiting decision",
  PANEL_REVIEW: "Panel review",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  WITHDRAWN: "Withdrawn",
};

/** The next step and who owns it, in words for the status line. */
export function nextStepFor(state: AccessRequestState, family: RouteFamily): string {
  switch (state) {
    case "DRAFT": return "Finish and submit the request (applicant).";
    case "SUBMITTED": return "Waiting for the facility to start the feasibility review.";
    case "FEASIBILITY_REVIEW": return "The endstation's staff are checking feasibility.";
    case "CHANGES_REQUESTED": return "The facility asked for changes: edit and resubmit (applicant).";
    case "SAFETY_REVIEW": return "The facility is reviewing sample safety.";
    case "AWAITING_DECISION": return "Waiting for the facility's industrial office to decide.";
    case "PANEL_REVIEW": return family === "panel" ? "The review panel is grading; the chair allocates shifts." : "In panel review.";
    case "APPROVED": return "Approved: the facility will schedule the shifts.";
    case "REJECTED": return "Not approved. The decision note says why.";
    case "WITHDRAWN": return "Withdrawn by the applicant.";
  }
}
