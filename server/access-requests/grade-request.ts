import type { z } from "zod";
import { isSignedIn, type RequestContext } from "../access/actor";
import { recordAudit } from "../audit/record";
import type { Tx } from "../db";
import { forbidden, invalid } from "../errors";
import { loadVisibleRequest } from "./load-request";
import { hasConflictOfInterest, mayGrade, panelSeatFor } from "./policy";
import type { gradeSchema } from "./schemas";

/** A panel member grades (or revises their grade of) an open-route request in panel review. */
export async function gradeRequest(tx: Tx, ctx: RequestContext, input: z.output<typeof gradeSchema>) {
  if (!isSignedIn(ctx.actor)) throw invalid("Sign in to grade.");
  const { request, facts, seats } = await loadVisibleRequest(tx, ctx.actor, input.requestId);
  const seat = panelSeatFor(seats, facts);
  if (seat && hasConflictOfInterest(seat, facts)) throw forbidden("You cannot grade a request from an organisation you belonged to when its call closed (conflict of interest).");
  if (!mayGrade(ctx.actor, facts, seats)) throw forbidden("Only panel members of this cycle grade requests in panel review.");
  const key = { requestId: request.id, kind: "PANEL" as const, reviewerId: ctx.actor.userId, version: request.version };
  const before = await tx.review.findUnique({ where: { requestId_kind_reviewerId_version: key } });
  await tx.review.upsert({
    where: { requestId_kind_reviewerId_version: key },
    create: { ...key, outcome: "GRADED", grade: input.grade, comments: input.comments },
    update: { grade: input.grade, comments: input.comments },
  });
  await recordAudit(tx, ctx, { action: "access_request.graded", entityType: "AccessRequest", entityId: request.id, before: before ? { grade: before.grade } : null, after: { grade: input.grade } });
  return { grade: input.grade };
}
