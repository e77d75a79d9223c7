import { transitions, type RequestEvent } from "../access-requests/state-machine";

/** The kinds of record an audit row can be about (its entityType). Each has a reading rule in subjects.ts. */
export const auditEntityTypes = [
  "User",
  "Organisation",
  "Invitation",
  "AccessRequest",
  "AccessRoute",
  "Call",
  "Booking",
  "BlockAllocation",
  "BlockSession",
  "Agreement",
  "AgreementTemplate",
  "Quote",
  "Invoice",
  "RateCard",
  "AddOnRate",
  "Facility",
  "Sample",
  "Shipment",
  "Container",
  "Run",
  "PipelineTemplate",
  "PipelineRun",
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];

/**
 * Every action the audit log knows, with the kinds of record it is written
 * about; adding a state change means adding its name here.
 */
export const auditActionSubjects = {
  "user.signed_up": ["User"],
  "user.signed_in": ["User"],
  "user.email_confirmed": ["User"],
  "user.address_claimed": ["User"],
  "organisation.created": ["Organisation"],
  "organisation.updated": ["Organisation"],
  "organisation.sme_declared": ["Organisation"],
  "membership.added": ["Organisation"],
  "membership.removed": ["Organisation"],
  "membership.left": ["Organisation"],
  "invitation.sent": ["Invitation"],
  "invitation.accepted": ["Invitation"],
  "invitation.revoked": ["Invitation"],
  "access_request.created": ["AccessRequest"],
  "access_request.graded": ["AccessRequest"],
  "access_route.updated": ["AccessRoute"],
  "call.created": ["Call"],
  // scheduling
  "booking.placed": ["Booking"],
  "booking.moved": ["Booking"],
  "booking.cancelled": ["Booking"],
  "booking.confirmed": ["Booking"],
  "booking.hold_expired": ["Booking"],
  "booking.downtime_recorded": ["Booking"],
  "non_user_time.added": ["Booking"],
  // consortia
  "block.granted": ["BlockAllocation"],
  "block.placed": ["Booking"],
  "block.shares_set": ["BlockAllocation"],
  "block.session_booked": ["BlockSession"],
  "block.session_approved": ["BlockSession"],
  "block.session_declined": ["BlockSession"],
  "block.session_cancelled": ["BlockSession"],
  "block.session_moved": ["BlockSession"],
  "calendar_feed.rotated": ["User"],
  // agreements
  "agreement.sent": ["Agreement"],
  "agreement.signed": ["Agreement"],
  "agreement.declined": ["Agreement"],
  "agreement.superseded": ["Agreement"],
  "agreement.reminded": ["Agreement"],
  "agreement.sealed": ["Agreement"],
  "agreement_template.version_saved": ["AgreementTemplate"],
  // billing
  "quote.made": ["Quote"],
  "quote.cancelled": ["Quote"],
  "quote.payment_terms_set": ["Quote"],
  "quote.checkout_started": ["Quote"],
  "quote.prepaid": ["Quote"],
  "quote.prepayment_waived": ["Quote"],
  "invoice.issued": ["Invoice"],
  "invoice.credit_note_issued": ["Invoice"],
  "invoice.payment_updated": ["Invoice"],
  "invoice.stripe_synced": ["Invoice"],
  "invoice.stripe_sync_retried": ["Invoice"],
  "rate_card.saved": ["RateCard", "AddOnRate", "Facility"],
  // samples
  "sample.registered": ["Sample"],
  "sample.safety_decided": ["Sample"],
  "shipment.planned": ["Shipment"],
  "shipment.dispatched": ["Shipment"],
  "shipment.received": ["Container", "Sample"],
  "shipment.flagged": ["Shipment", "Container", "Sample"],
  "shipment.return_dispatched": ["AccessRequest"],
  // runs
  "run.opened": ["Run"],
  "run.closed": ["Run"],
  "run.operator_added": ["Run"],
  "run.sample_mounted": ["Run"],
  "run.sample_unmounted": ["Run"],
  "run.downtime_recorded": ["Run"],
  "run.scan_added": ["Run"],
  "run.feeder_cited": ["Run", "AccessRequest"],
  "run.series_imported": ["Run"],
  // pipelines
  "pipeline_template.version_saved": ["PipelineTemplate"],
  "pipeline.started": ["PipelineRun"],
  "pipeline.cancelled": ["PipelineRun"],
  "pipeline.step_retried": ["PipelineRun"],
  "pipeline.executor_registered": ["Facility"],
  "pipeline.executor_revoked": ["Facility"],
} as const satisfies Record<string, readonly AuditEntityType[]>;

type NamedAction = keyof typeof auditActionSubjects;
export const auditActions = Object.keys(auditActionSubjects) as NamedAction[];

/** State-machine events are audited as access_request.<event>, about the request. */
export const requestEventActions = [...new Set(transitions.map((t) => `access_request.${t.event}` as const))];

export type AuditAction = NamedAction | `access_request.${RequestEvent}`;
