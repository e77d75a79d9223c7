import { organisationIdsOf, type Actor } from "../access/actor";
import { rolesAccess, signedInAccess } from "../access/rules";
import type { Prisma } from "../generated/prisma/client";

const teamRoles = ["APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER"] as const;
const staffRoles = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

/** Who may call each runs procedure at all; the run itself is checked in each operation. */
export const runsAccess = {
  // The run's team and the facility's staff: canSeeRun, inside the operation.
  get: signedInAccess,
  list: signedInAccess,
  runnable: rolesAccess(...staffRoles),
  open: rolesAccess(...staffRoles),
  close: rolesAccess(...staffRoles),
  addOperator: rolesAccess(...staffRoles),
  mount: rolesAccess(...staffRoles),
  unmount: rolesAccess(...staffRoles),
  // The team present at the endstation writes in the logbook too.
  addEntry: signedInAccess,
  recordDowntime: rolesAccess(...staffRoles),
  addScan: rolesAccess(...staffRoles),
  readNexus: rolesAccess(...staffRoles),
  citeFeeder: signedInAccess,
  series: signedInAccess,
  importSeries: rolesAccess(...staffRoles),
  suggestMapping: rolesAccess(...staffRoles),
} as const;

/** The facts about a run that decide who sees it. */
export interface RunFacts {
  organisationId: string;
  facilityOrganisationId: string;
}

/**
 * A run's data are its organisation's and the facility's: the people of the
 * organisation that owns the experiment (the request's applicants, or the
 * member of the consortium whose session it is) and the facility's staff.
 * Nobody else (other organisations, panels, funders, platform admins) learns
 * that it exists: they get "not found".
 */
export function canSeeRun(actor: Actor, run: RunFacts): boolean {
  return isRunTeam(actor, run) || isRunStaff(actor, run);
}

export function isRunTeam(actor: Actor, run: Pick<RunFacts, "organisationId">): boolean {
  return organisationIdsOf(actor, ...teamRoles).includes(run.organisationId);
}

export function isRunStaff(actor: Actor, run: Pick<RunFacts, "facilityOrganisationId">): boolean {
  return organisationIdsOf(actor, ...staffRoles).includes(run.facilityOrganisationId);
}

/** The same rule as canSeeRun, as a database filter for lists. */
export function visibleRunsWhere(actor: Actor): Prisma.RunWhereInput {
  return {
    OR: [{ organisationId: { in: organisationIdsOf(actor, ...teamRoles) } }, { facility: { organisationId: { in: organisationIdsOf(actor, ...staffRoles) } } }],
  };
}
