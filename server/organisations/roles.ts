import type { OrganisationKind, Role } from "../generated/prisma/enums";

export const roleLabels: Record<Role, string> = {
  APPLICANT: "Applicant",
  CONSORTIUM_LEAD: "Consortium lead",
  CONSORTIUM_MEMBER: "Consortium member",
  FACILITY_STAFF: "Facility staff",
  FACILITY_ADMIN: "Facility admin",
  FUNDER: "Funder",
  PLATFORM_ADMIN: "Platform admin",
};

/** "an applicant", "a consortium lead": for sentences about someone holding the role. */
export function roleWithArticle(role: Role): string {
  const label = roleLabels[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? "an" : "a"} ${label}`;
}

export const organisationKindLabels: Record<OrganisationKind, string> = {
  SME: "SME",
  INDUSTRY: "Industry",
  ACADEMIC: "Academic",
  FACILITY: "Facility",
  FUNDER: "Funder",
  OPERATOR: "Platform operator",
};

/** Which roles make sense inside each kind of organisation. */
export const rolesForKind: Record<OrganisationKind, Role[]> = {
  SME: ["APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER"],
  INDUSTRY: ["APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER"],
  ACADEMIC: ["APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER"],
  FACILITY: ["FACILITY_STAFF", "FACILITY_ADMIN"],
  FUNDER: ["FUNDER"],
  OPERATOR: ["PLATFORM_ADMIN"],
};

/** Roles whose holders manage their organisation's people (invite, add, remove). */
export const managingRoles: Role[] = ["APPLICANT", "CONSORTIUM_LEAD", "FACILITY_ADMIN", "FUNDER", "PLATFORM_ADMIN"];

/** Kinds anyone may register themselves; facilities and funders are set up by a platform admin. */
export const selfServiceKinds: OrganisationKind[] = ["SME", "INDUSTRY", "ACADEMIC"];

/** The roles each managing role may grant inside its own organisation; platform admins grant any. */
export const grantableBy: Partial<Record<Role, Role[]>> = {
  APPLICANT: ["APPLICANT"],
  CONSORTIUM_LEAD: ["APPLICANT", "CONSORTIUM_MEMBER", "CONSORTIUM_LEAD"],
  FACILITY_ADMIN: ["FACILITY_STAFF", "FACILITY_ADMIN"],
  FUNDER: ["FUNDER"],
};
