import type { OrganisationKind, Role } from "../generated/prisma/enums";

export type { Role, OrganisationKind };

export interface ActorMembership {
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  role: Role;
}

/** Who is asking: a signed-in user with their roles per organisation, or nobody. */
export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; userId: string; email: string; name: string; memberships: ActorMembership[] };

export type SignedInActor = Extract<Actor, { kind: "user" }>;

export const anonymous: Actor = { kind: "anonymous" };

/** Background jobs act as no one: their audit rows name the worker, not a person. */
export const workerContext: RequestContext = { actor: anonymous, ip: null, userAgent: "lodestone-worker" };

/** What an operation needs to know about the request besides its input. */
export interface RequestContext {
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
}

export function isSignedIn(actor: Actor): actor is SignedInActor {
  return actor.kind === "user";
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return isSignedIn(actor) && actor.memberships.some((m) => roles.includes(m.role));
}

/** True when the actor holds one of `roles` in that particular organisation. */
export function hasRoleIn(actor: Actor, organisationId: string, ...roles: Role[]): boolean {
  return isSignedIn(actor) && actor.memberships.some((m) => m.organisationId === organisationId && roles.includes(m.role));
}

export function organisationIdsOf(actor: Actor, ...roles: Role[]): string[] {
  if (!isSignedIn(actor)) return [];
  const ids = actor.memberships.filter((m) => roles.length === 0 || roles.includes(m.role)).map((m) => m.organisationId);
  return [...new Set(ids)];
}

export function isPlatformAdmin(actor: Actor): boolean {
  return hasRole(actor, "PLATFORM_ADMIN");
}
