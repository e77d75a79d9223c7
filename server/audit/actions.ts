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
] as const;

export type AuditAction = (typeof auditActions)[number];
