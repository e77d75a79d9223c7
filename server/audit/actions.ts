/** Every action the audit log knows; adding a state change means adding its name here. */
export const auditActions = [
  "user.signed_up",
  "user.signed_in",
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
  // scheduling
  "booking.placed",
  "booking.moved",
  "booking.cancelled",
  "booking.confirmed",
  "booking.hold_expired",
  "booking.downtime_recorded",
  "non_user_time.added",
  // consortia
  "block.granted",
  "block.placed",
  "block.shares_set",
  "block.session_booked",
  "block.session_approved",
  "block.session_declined",
  "block.session_cancelled",
  "calendar_feed.rotated",
  // agreements
  "agreement.sent",
  "agreement.signed",
  "agreement.declined",
  "agreement.superseded",
  "agreement.reminded",
  "agreement.sealed",
  "agreement_template.version_saved",
  // billing
  "quote.made",
  "quote.cancelled",
  "quote.payment_terms_set",
  "invoice.issued",
  "invoice.credit_note_issued",
  "invoice.payment_updated",
  "invoice.stripe_synced",
  "rate_card.saved",
] as const;

/** State-machine events are audited as access_request.<event>. */
export type AuditAction = (typeof auditActions)[number] | `access_request.${import("../access-requests/state-machine").RequestEvent}`;
