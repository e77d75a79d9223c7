import type { AccessRequestState, AccessRouteKind } from "@/server/generated/prisma/enums";
import type { BadgeTone } from "../_components/ui";

export { stateLabels } from "@/server/access-requests/state-machine";

export const stateTones: Record<AccessRequestState, BadgeTone> = {
  DRAFT: "neutral",
  SUBMITTED: "info",
  FEASIBILITY_REVIEW: "info",
  CHANGES_REQUESTED: "warning",
  SAFETY_REVIEW: "info",
  AWAITING_DECISION: "info",
  PANEL_REVIEW: "info",
  APPROVED: "success",
  REJECTED: "danger",
  WITHDRAWN: "neutral",
};

export const routeKindLabels: Record<AccessRouteKind, string> = {
  PROPRIETARY_INDUSTRIAL: "Proprietary industrial",
  SME_INDUSTRIAL: "SME industrial",
  NON_PROPRIETARY: "Non-proprietary (peer-reviewed)",
  RAPID: "Rapid access",
  CONSORTIUM_BLOCK: "Consortium block",
};
