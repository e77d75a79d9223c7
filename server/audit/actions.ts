/** Every action the audit log knows; adding a state change means adding its name here. */
export const auditActions = [
  "user.signed_up",
  "user.signed_in",
  "user.sign_in_failed",
  "organisation.created",
  "organisation.updated",
  "organisation.sme_declared",
  "membership.added",
  "membership.removed",
  "invitation.sent",
  "invitation.accepted",
  "invitation.revoked",
  "access_request.created",
  "access_request.graded",
  "access_route.updated",
  "call.created",
] as const;

/** State-machine events are audited as access_request.<event>. */
export type AuditAction = (typeof auditActions)[number] | `access_request.${import("../access-requests/state-machine").RequestEvent}`;
