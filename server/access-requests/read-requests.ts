import type { z } from "zod";
import { isSignedIn, type Actor } from "../access/actor";
import type { Db } from "../db";
import type { AccessRequestState } from "../generated/prisma/enums";
import { agreementOfRequest } from "../agreements/read-agreements";
import { diffContent } from "./diff-versions";
import { loadVisibleRequest, panelSeatsOf } from "./load-request";
import { mayGrade, visibleRequestsWhere } from "./policy";
import type { listRequestsSchema, RequestContent } from "./schemas";
import { availableEvents, nextStepFor, routeFamily } from "./state-machine";

/** Requests the actor may see, newest activity first. */
export async function listRequests(db: Db, actor: Actor, input: z.output<typeof listRequestsSchema>) {
  const seats = await panelSeatsOf(db, actor);
  const states = input.state ? (input.state.split(",") as AccessRequestState[]) : undefined;
  const requests = await db.accessRequest.findMany({
    where: { AND: [visibleRequestsWhere(actor, seats), states ? { state: { in: states } } : {}] },
    include: { route: { select: { kind: true, name: true, confidential: true } }, facility: { select: { name: true, timeZone: true, organisationId: true } }, organisation: { select: { name: true } } },
    orderBy: { updatedAt: "desc" },
    take: 500,
  });
  return requests.map((r) => ({ ...r, nextStep: nextStepFor(r.state, routeFamily(r.route.kind)) }));
}

/** One request with its versions, reviews the actor may read, and the steps they can take now. */
export async function getRequest(db: Db, actor: Actor, requestId: string) {
  const { request, facts, seats, parties, family } = await loadVisibleRequest(db, actor, requestId);
  const isStaff = parties.includes("facilityStaff");
  const isChair = parties.includes("panelChair");
  // The agreement (its signatories, any decline reasons) is the signing parties' business: the panel,
  // who may read an approved request they graded, never sees it, as agreements.get refuses them.
  const agreementParty = isStaff || parties.includes("applicantTeam");
  const [versions, reviews, agreement] = await Promise.all([
    db.accessRequestVersion.findMany({ where: { requestId }, orderBy: { version: "asc" } }),
    db.review.findMany({ where: { requestId }, include: { reviewer: { select: { name: true } } }, orderBy: { createdAt: "asc" } }),
    agreementParty ? agreementOfRequest(db, requestId) : null,
  ]);
  const myId = isSignedIn(actor) ? actor.userId : null;
  // Panel grades are for the facility and the chair; a panel member sees their own; applicants see none.
  const visibleReviews = reviews.filter((r) => r.kind !== "PANEL" || isStaff || isChair || r.reviewerId === myId);
  const changes = versions.length >= 2 ? diffContent(versions[versions.length - 2]!.content as RequestContent, versions[versions.length - 1]!.content as RequestContent) : [];
  return {
    request,
    content: request.content as Partial<RequestContent>,
    versions: versions.map((v) => ({ version: v.version, submittedAt: v.submittedAt, content: v.content as RequestContent })),
    latestChanges: changes,
    reviews: visibleReviews,
    parties,
    canEdit: parties.includes("applicantTeam") && (request.state === "DRAFT" || request.state === "CHANGES_REQUESTED"),
    canGrade: mayGrade(actor, facts, seats),
    events: availableEvents(request.state, family, parties),
    family,
    nextStep: nextStepFor(request.state, family),
    agreement,
    canSendAgreement: isStaff && request.state === "APPROVED" && agreement?.state !== "SIGNED" && agreement?.state !== "AWAITING_SIGNATURES",
  };
}

/** Funders see how many requests there are, never what is in them. */
export async function countRequestsByState(db: Db) {
  const rows = await db.accessRequest.groupBy({ by: ["state"], _count: { _all: true }, where: { state: { not: "DRAFT" } } });
  return Object.fromEntries(rows.map((r) => [r.state, r._count._all])) as Partial<Record<AccessRequestState, number>>;
}

/** The routes a facility offers, and its endstations, for the new-request form. */
export async function listRoutes(db: Db) {
  return db.facility.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      timeZone: true,
      accessRoutes: { where: { active: true }, orderBy: { kind: "asc" }, include: { calls: { include: { cycle: { select: { name: true } } }, orderBy: { opensAt: "asc" } } } },
      endstations: { where: { active: true }, orderBy: { code: "asc" }, select: { id: true, code: true, name: true, technique: true, shiftHours: true } },
    },
  });
}

/** Demonstrator projects a request can contribute to (titles only). */
export async function listDemonstrators(db: Db) {
  return db.demonstrator.findMany({ select: { id: true, title: true, programme: { select: { name: true } } }, orderBy: { title: "asc" } });
}
