import { organisationIdsOf, type Actor } from "../access/actor";
import { rolesAccess } from "../access/rules";
import type { Prisma } from "../generated/prisma/client";

/** The roles through which people act for their organisation inside a consortium. */
export const consortiumRoles = ["CONSORTIUM_LEAD", "CONSORTIUM_MEMBER"] as const;
const staffRoles = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

/** Who may call each consortia procedure at all; the record-level checks are below. */
export const consortiaAccess = {
  grantBlock: rolesAccess("FACILITY_ADMIN"),
  placeBlock: rolesAccess(...staffRoles),
  setShares: rolesAccess("CONSORTIUM_LEAD"),
  bookSession: rolesAccess(...consortiumRoles),
  decideSession: rolesAccess("CONSORTIUM_LEAD"),
  cancelSession: rolesAccess(...consortiumRoles),
  mine: rolesAccess(...consortiumRoles),
  forFacility: rolesAccess(...staffRoles),
} as const;

/** What decides who sees and acts on a consortium's block. */
export interface ConsortiumFacts {
  leadOrganisationId: string;
  memberOrganisationIds: readonly string[];
}

/** The lead: a CONSORTIUM_LEAD in the consortium's lead organisation. */
export function isLeadOf(actor: Actor, consortium: Pick<ConsortiumFacts, "leadOrganisationId">): boolean {
  return organisationIdsOf(actor, "CONSORTIUM_LEAD").includes(consortium.leadOrganisationId);
}

/** The member organisations the actor may book for (CONSORTIUM_MEMBER or CONSORTIUM_LEAD there). */
export function bookableOrganisationsOf(actor: Actor, consortium: Pick<ConsortiumFacts, "memberOrganisationIds">): string[] {
  return organisationIdsOf(actor, ...consortiumRoles).filter((id) => consortium.memberOrganisationIds.includes(id));
}

export function isFacilityStaff(actor: Actor, facilityOrganisationId: string): boolean {
  return organisationIdsOf(actor, ...staffRoles).includes(facilityOrganisationId);
}

/**
 * A consortium's blocks and sessions are for its lead, the people of its
 * member organisations and the staff of the facility that hosts the block.
 * Everyone else is told "not found", exactly as if it did not exist.
 */
export function canSeeBlock(actor: Actor, consortium: ConsortiumFacts, facilityOrganisationId: string): boolean {
  return isLeadOf(actor, consortium) || bookableOrganisationsOf(actor, consortium).length > 0 || isFacilityStaff(actor, facilityOrganisationId);
}

/** The consortia the actor leads or belongs to, as a database filter. */
export function myConsortiaWhere(actor: Actor): Prisma.ConsortiumWhereInput {
  return {
    OR: [
      { leadOrganisationId: { in: organisationIdsOf(actor, "CONSORTIUM_LEAD") } },
      { members: { some: { organisationId: { in: organisationIdsOf(actor, ...consortiumRoles) } } } },
    ],
  };
}

export function staffFacilityOrganisationIds(actor: Actor): string[] {
  return organisationIdsOf(actor, ...staffRoles);
}
