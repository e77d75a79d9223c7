import { organisationIdsOf, type Actor } from "../access/actor";
import { rolesAccess } from "../access/rules";

export const accessRouteAccess = {
  listAdministered: rolesAccess("FACILITY_ADMIN"),
  update: rolesAccess("FACILITY_ADMIN"),
  createCall: rolesAccess("FACILITY_ADMIN"),
} as const;

/** A facility admin configures their own facility's routes and calls, no other. */
export function administersFacility(actor: Actor, facilityOrganisationId: string): boolean {
  return organisationIdsOf(actor, "FACILITY_ADMIN").includes(facilityOrganisationId);
}
