import { organisationIdsOf, type Actor } from "../access/actor";
import { rolesAccess, signedInAccess } from "../access/rules";

const staffRoles = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

/** Who may call each pipelines procedure at all; the run and template are checked in each operation (runs' policy). */
export const pipelinesAccess = {
  templates: signedInAccess,
  saveTemplateVersion: rolesAccess(...staffRoles),
  // Staff, and the run's team where the template allows it.
  start: signedInAccess,
  cancel: signedInAccess,
  retryStep: rolesAccess(...staffRoles),
  get: signedInAccess,
  executors: rolesAccess(...staffRoles),
  externalExecutors: rolesAccess(...staffRoles),
  // Admins of the runner's facility: checked in the operation.
  registerExternalExecutor: rolesAccess("FACILITY_ADMIN"),
  revokeExternalExecutor: rolesAccess("FACILITY_ADMIN"),
} as const;

export function isStaffOfFacility(actor: Actor, facilityOrganisationId: string): boolean {
  return organisationIdsOf(actor, ...staffRoles).includes(facilityOrganisationId);
}
