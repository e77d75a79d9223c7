import { organisationIdsOf, type Actor } from "./actor";

/**
 * The two sides of an experiment: the applicant organisation's people (who
 * register samples, pay, sign for it) and the facility's staff. Anyone else
 * is told the record does not exist.
 */
export function requestParties(actor: Actor, subject: { organisationId: string; facilityOrganisationId: string }) {
  return {
    isApplicant: organisationIdsOf(actor).includes(subject.organisationId),
    isFacilityStaff: organisationIdsOf(actor, "FACILITY_STAFF", "FACILITY_ADMIN").includes(subject.facilityOrganisationId),
  };
}
