import { describe, expect, it } from "vitest";
import type { AccessRequestState } from "../generated/prisma/enums";
import { availableEvents, findTransition, nextStepFor, stateLabels, terminalStates, transitions, type RequestEvent, type RouteFamily } from "./state-machine";

const states = Object.keys(stateLabels) as AccessRequestState[];
const events: RequestEvent[] = ["submit", "startFeasibility", "requestChanges", "confirmFeasible", "rejectInfeasible", "clearSafety", "failSafety", "approve", "reject", "allocate", "decline", "withdraw"];
const families: RouteFamily[] = ["industrial", "panel"];

/** The whole machine written out as (state, event, family) -> next state; anything absent is refused. */
const expected: Record<string, AccessRequestState> = {
  "DRAFT submit *": "SUBMITTED",
  "CHANGES_REQUESTED submit *": "SUBMITTED",
  "SUBMITTED startFeasibility *": "FEASIBILITY_REVIEW",
  "FEASIBILITY_REVIEW requestChanges *": "CHANGES_REQUESTED",
  "FEASIBILITY_REVIEW confirmFeasible *": "SAFETY_REVIEW",
  "FEASIBILITY_REVIEW rejectInfeasible *": "REJECTED",
  "SAFETY_REVIEW clearSafety industrial": "AWAITING_DECISION",
  "SAFETY_REVIEW clearSafety panel": "PANEL_REVIEW",
  "SAFETY_REVIEW failSafety *": "REJECTED",
  "AWAITING_DECISION approve industrial": "APPROVED",
  "AWAITING_DECISION reject industrial": "REJECTED",
  "PANEL_REVIEW allocate panel": "APPROVED",
  "PANEL_REVIEW decline panel": "REJECTED",
};
for (const s of ["DRAFT", "SUBMITTED", "FEASIBILITY_REVIEW", "CHANGES_REQUESTED", "SAFETY_REVIEW", "AWAITING_DECISION", "PANEL_REVIEW"]) expected[`${s} withdraw *`] = "WITHDRAWN";

function expectedNext(state: AccessRequestState, event: RequestEvent, family: RouteFamily) {
  return expected[`${state} ${event} ${family}`] ?? expected[`${state} ${event} *`];
}

describe("access request state machine", () => {
  for (const state of states) {
    for (const event of events) {
      for (const family of families) {
        it(`${state} --${event}--> (${family})`, () => {
          expect(findTransition(state, event, family)?.to).toBe(expectedNext(state, event, family));
        });
      }
    }
  }

  it("nothing leaves a terminal state", () => {
    for (const state of terminalStates) expect(transitions.filter((t) => t.from === state)).toEqual([]);
  });

  it("offers each party only its own events", () => {
    expect(availableEvents("FEASIBILITY_REVIEW", "industrial", ["applicantTeam"])).toEqual(["withdraw"]);
    expect(availableEvents("FEASIBILITY_REVIEW", "industrial", ["facilityStaff"]).sort()).toEqual(["confirmFeasible", "rejectInfeasible", "requestChanges"]);
    expect(availableEvents("AWAITING_DECISION", "industrial", ["facilityStaff"])).toEqual([]);
    expect(availableEvents("PANEL_REVIEW", "panel", ["panelChair"]).sort()).toEqual(["allocate", "decline"]);
  });

  it("every state names its next step", () => {
    for (const state of states) for (const family of families) expect(nextStepFor(state, family).length).toBeGreaterThan(10);
  });
});
