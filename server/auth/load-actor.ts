import type { Actor } from "../access/actor";
import type { Db } from "../db";

export async function loadActor(db: Db, userId: string | undefined | null): Promise<Actor> {
  if (!userId) return { kind: "anonymous" };
  // An account is usable only once its address is confirmed (a session from before that counts for nothing).
  const user = await db.user.findFirst({
    where: { id: userId, emailVerified: { not: null } },
    select: {
      id: true,
      email: true,
      name: true,
      memberships: { select: { role: true, organisation: { select: { id: true, name: true, kind: true } } } },
    },
  });
  if (!user) return { kind: "anonymous" };
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: user.memberships.map((m) => ({
      organisationId: m.organisation.id,
      organisationName: m.organisation.name,
      organisationKind: m.organisation.kind,
      role: m.role,
    })),
  };
}
