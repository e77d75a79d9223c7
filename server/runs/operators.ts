import type { z } from "zod";
import type { SignedInContext } from "../run";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { conflict, invalid } from "../errors";
import { loadRunForStaff } from "./load";
import type { addOperatorSchema } from "./schemas";

/** Staff name who ran the endstation: a colleague of the facility, or a person of the run's team who was present. */
export async function addOperator(tx: Tx, ctx: SignedInContext, input: z.output<typeof addOperatorSchema>) {
  const run = await loadRunForStaff(tx, ctx.actor, input.runId);
  if (run.state !== "OPEN") throw conflict(`${run.reference} is closed.`);
  const organisationId = input.role === "STAFF" ? run.facility.organisationId : run.organisationId;
  const roles = input.role === "STAFF" ? (["FACILITY_STAFF", "FACILITY_ADMIN"] as const) : (["APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER"] as const);
  const membership = await tx.membership.findFirst({ where: { userId: input.userId, organisationId, role: { in: [...roles] } }, include: { user: { select: { name: true } } } });
  if (!membership) throw invalid(input.role === "STAFF" ? "Choose one of the facility's staff." : "Choose a person of the run's team.", "userId");
  const added = await tx.runOperator.createMany({ data: [{ runId: run.id, userId: input.userId, name: membership.user.name, role: input.role }], skipDuplicates: true });
  if (added.count === 0) return;
  await recordAudit(tx, ctx, { action: "run.operator_added", entityType: "Run", entityId: run.id, after: { userId: input.userId, role: input.role } });
}
