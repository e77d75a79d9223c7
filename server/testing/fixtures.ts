import { randomUUID } from "node:crypto";
import type { Actor, RequestContext, SignedInActor } from "../access/actor";
import { createPrismaClient, type Db } from "../db";
import type { OrganisationKind, Role } from "../generated/prisma/enums";
import { createCaller } from "../root";

/** One client per test file, on the real PostgreSQL the test runner prepared. */
let shared: Db | undefined;
export function testDb(): Db {
  shared ??= createPrismaClient(process.env.DATABASE_URL);
  return shared;
}

export const uniqueSuffix = () => randomUUID().slice(0, 8);

export const kindForRole: Record<Role, OrganisationKind> = {
  APPLICANT: "SME",
  CONSORTIUM_LEAD: "ACADEMIC",
  CONSORTIUM_MEMBER: "SME",
  FACILITY_STAFF: "FACILITY",
  FACILITY_ADMIN: "FACILITY",
  FUNDER: "FUNDER",
  PLATFORM_ADMIN: "OPERATOR",
};

/** A real user in a fresh organisation of the right kind, holding `role` there. */
export async function createMember(db: Db, role: Role, options: { organisationId?: string; name?: string } = {}): Promise<SignedInActor> {
  const suffix = uniqueSuffix();
  const organisation = options.organisationId
    ? await db.organisation.findUniqueOrThrow({ where: { id: options.organisationId } })
    : await db.organisation.create({ data: { name: `Test ${role.toLowerCase()} org ${suffix}`, kind: kindForRole[role], country: "GB" } });
  const user = await db.user.create({ data: { email: `${role.toLowerCase()}-${suffix}@test.example`, name: options.name ?? `Test ${role} ${suffix}`, emailVerified: new Date() } });
  await db.membership.create({ data: { userId: user.id, organisationId: organisation.id, role } });
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: [{ organisationId: organisation.id, organisationName: organisation.name, organisationKind: organisation.kind, role }],
  };
}

export async function createUserWithoutOrganisation(db: Db): Promise<SignedInActor> {
  const suffix = uniqueSuffix();
  const user = await db.user.create({ data: { email: `loner-${suffix}@test.example`, name: `Loner ${suffix}`, emailVerified: new Date() } });
  return { kind: "user", userId: user.id, email: user.email, name: user.name, memberships: [] };
}

export function contextFor(actor: Actor): RequestContext {
  return { actor, ip: "203.0.113.7", userAgent: "vitest" };
}

/** Calls procedures exactly as the HTTP handler would, access rules included. */
export function callerFor(actor: Actor) {
  return createCaller({ db: testDb(), ...contextFor(actor) });
}
