import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hasRoleIn, organisationIdsOf, type Actor } from "../access/actor";
import { clock } from "../clock";
import type { Db, Tx } from "../db";
import { Prisma } from "../generated/prisma/client";
import { conflict, forbidden, notFound } from "../errors";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import { openText, sealText } from "../security/sealed-box";

/**
 * Outside runners a facility registers: each gets a key id and a secret it
 * signs its requests with (executors/signature.ts). The secret is 32 random
 * bytes (base64url), shown to the facility admin once when registering and
 * stored only encrypted; revoking a runner refuses its requests from then on.
 * The facility's staff see its runners (never a secret); its admins register
 * and revoke them.
 */

export const registerExternalExecutorSchema = z.object({
  facilityId: z.string().min(1),
  name: z.string().trim().min(2, "Name the runner (at least 2 characters), e.g. “GPU segmentation box”.").max(80, "Keep the name under 80 characters."),
});
export const externalExecutorIdSchema = z.object({ executorId: z.string().min(1) });

const staffRoles = ["FACILITY_STAFF", "FACILITY_ADMIN"] as const;

// The secret at rest, sealed under the server secret (server/security/sealed-box.ts).
const secretPurpose = "external-executor-secret";
export const sealExecutorSecret = (secret: string) => sealText(secretPurpose, secret);
/** The runner's secret; throws when the stored value was not sealed under this server's secret. */
export const openExecutorSecret = (sealed: string) => openText(secretPurpose, sealed);

const newKeyId = () => `lxk_${randomBytes(12).toString("base64url")}`;
const newSecret = () => randomBytes(32).toString("base64url");

const nameTaken = (facility: string, name: string) => conflict(`${facility} already has a runner called “${name}” (revoked runners keep their name): choose another name.`, "name");

async function facilityFor(tx: Tx, actor: Actor, facilityId: string) {
  const facility = await tx.facility.findUnique({ where: { id: facilityId }, select: { id: true, name: true, organisationId: true } });
  if (!facility) throw notFound("The facility");
  if (!hasRoleIn(actor, facility.organisationId, "FACILITY_ADMIN")) throw forbidden(`Only ${facility.name}'s facility admins register and revoke runners.`);
  return facility;
}

/**
 * Registers a runner for a facility. Returns its key id and secret: the only
 * time the secret leaves the server, so the admin copies it into the runner now.
 */
export async function registerExternalExecutor(tx: Tx, ctx: SignedInContext, input: z.input<typeof registerExternalExecutorSchema>) {
  const { facilityId, name } = registerExternalExecutorSchema.parse(input);
  const facility = await facilityFor(tx, ctx.actor, facilityId);
  const taken = await tx.externalExecutor.findUnique({ where: { facilityId_name: { facilityId: facility.id, name } }, select: { id: true } });
  if (taken) throw nameTaken(facility.name, name);
  const keyId = newKeyId();
  const secret = newSecret();
  try {
    const executor = await tx.externalExecutor.create({ data: { facilityId: facility.id, name, keyId, keyEncrypted: sealExecutorSecret(secret), createdById: ctx.actor.userId }, select: { id: true } });
    await recordAudit(tx, ctx, { action: "pipeline.executor_registered", entityType: "Facility", entityId: facility.id, after: { executorId: executor.id, name, keyId } });
    return { id: executor.id, keyId, secret };
  } catch (error) {
    // Two admins registering the same name at once.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(facility.name, name);
    throw error;
  }
}

/** Revokes a runner: its signed requests are refused from now on; steps it is running are flagged by their deadline. */
export async function revokeExternalExecutor(tx: Tx, ctx: SignedInContext, input: z.input<typeof externalExecutorIdSchema>, now = clock.now()) {
  const { executorId } = externalExecutorIdSchema.parse(input);
  const executor = await tx.externalExecutor.findUnique({ where: { id: executorId }, select: { id: true, name: true, facilityId: true, facility: { select: { organisationId: true } } } });
  // Someone who is not the facility's staff does not learn that the runner exists.
  if (!executor || !organisationIdsOf(ctx.actor, ...staffRoles).includes(executor.facility.organisationId)) throw notFound("The runner");
  await facilityFor(tx, ctx.actor, executor.facilityId);
  const revoked = await tx.externalExecutor.updateMany({ where: { id: executor.id, revokedAt: null }, data: { revokedAt: now } });
  if (revoked.count === 0) throw conflict(`“${executor.name}” was already revoked.`);
  await recordAudit(tx, ctx, { action: "pipeline.executor_revoked", entityType: "Facility", entityId: executor.facilityId, after: { executorId: executor.id, name: executor.name } });
  return { id: executor.id, revokedAt: now };
}

/** The runners of the facilities the actor is staff of, newest first; never a secret. */
export async function listExternalExecutors(db: Db | Tx, actor: Actor) {
  const organisationIds = organisationIdsOf(actor, ...staffRoles);
  if (organisationIds.length === 0) return [];
  const executors = await db.externalExecutor.findMany({
    where: { facility: { organisationId: { in: organisationIds } } },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, keyId: true, createdAt: true, createdById: true, revokedAt: true, facility: { select: { id: true, name: true, organisationId: true } } },
  });
  return executors.map(({ facility, ...e }) => ({ ...e, facility: { id: facility.id, name: facility.name }, mayRevoke: e.revokedAt === null && hasRoleIn(actor, facility.organisationId, "FACILITY_ADMIN") }));
}
