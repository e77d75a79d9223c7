import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import type { RequestContext } from "../access/actor";
import type { Prisma, Tx } from "../db";
import { forbidden, invalidFields } from "../errors";
import { formatFacilityDate } from "../time";
import { assertEligibleForRoute, openCallFor } from "./create-draft";
import { loadVisibleRequest } from "./load-request";
import { emailApplicant, emailFacilityStaff, requestUrl } from "./notify";
import { nextReference } from "./reference";
import { submissionSchema, teamRoleLabels, type RequestContent } from "./schemas";
import { enqueueEmail } from "../mail/enqueue";
import { fireTransition } from "./transition";
import { clock } from "../clock";

/**
 * Submits (or, after a change request, resubmits) a request: checks it in
 * full, freezes the content as a new version, numbers it on first submission
 * and starts the decision clock.
 */
export async function submitRequest(tx: Tx, ctx: RequestContext, requestId: string, content: RequestContent, now = clock.now()) {
  const loaded = await loadVisibleRequest(tx, ctx.actor, requestId);
  const { request } = loaded;
  if (!loaded.parties.includes("applicantTeam")) throw forbidden("Only the applicant's team can submit the request.");

  const endstations = await tx.endstation.findMany({ where: { facilityId: request.facilityId, active: true }, select: { id: true } });
  const parsed = submissionSchema({
    routeKind: request.route.kind,
    maxShifts: request.route.maxShifts,
    today: format(now, "yyyy-MM-dd", { in: tz(request.facility.timeZone) }),
    endstationIds: endstations.map((e) => e.id),
  }).safeParse(content);
  if (!parsed.success) throw invalidFields(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])));
  await assertEligibleForRoute(tx, request.route, request.organisationId);
  if (parsed.data.demonstratorId && !(await tx.demonstrator.findUnique({ where: { id: parsed.data.demonstratorId }, select: { id: true } }))) {
    throw invalidFields({ demonstratorId: "Choose a demonstrator project from the list, or none." });
  }
  // A first submission needs an open call; a resubmission after a change request does not.
  // The call open now, which may not be the one open when the draft was started.
  const call = request.state === "DRAFT" ? await openCallFor(tx, request.route, request.facility.timeZone, now) : null;

  const version = request.version + 1;
  const firstSubmittedAt = request.firstSubmittedAt ?? now;
  const decisionDueAt = new Date(firstSubmittedAt.getTime() + request.route.decisionTargetDays * 86_400_000);
  const reference = request.reference ?? (await nextReference(tx, now));
  const frozen = parsed.data as unknown as Prisma.InputJsonValue;

  await fireTransition(tx, ctx, loaded, "submit", { reference, version, content: frozen, title: parsed.data.title, shiftsRequested: parsed.data.shiftsRequested, submittedAt: now, firstSubmittedAt, decisionDueAt }, { reference, version });
  // Links (relations, so not part of the conditional update): the demonstrator the funder follows, and the call it goes to.
  await tx.accessRequest.update({ where: { id: requestId }, data: { demonstratorId: parsed.data.demonstratorId, ...(call ? { callId: call.id } : {}) } });
  await tx.accessRequestVersion.create({ data: { requestId, version, content: frozen, submittedAt: now, submittedById: ctx.actor.kind === "user" ? ctx.actor.userId : "" } });
  await tx.accessRequestEndstation.deleteMany({ where: { requestId } });
  await tx.accessRequestEndstation.createMany({ data: parsed.data.endstationIds.map((endstationId) => ({ requestId, endstationId })) });

  const props = { reference, title: parsed.data.title, version, facilityName: request.facility.name, decisionDue: formatFacilityDate(decisionDueAt, request.facility.timeZone), url: requestUrl(requestId) };
  await emailApplicant(tx, request, "request-submitted", { ...props, audience: "applicant" }, `v${version}`);
  await emailFacilityStaff(tx, request, "request-submitted", { ...props, audience: "facility" }, `v${version}`);
  // Everyone named on the team hears about it once (the dedupe key ignores the version).
  const creator = ctx.actor.kind === "user" ? ctx.actor : null;
  for (const member of parsed.data.team.filter((m) => m.email !== creator?.email)) {
    await enqueueEmail(tx, {
      template: "request-team-named",
      to: member.email,
      dedupeKey: `request-team-named:${requestId}:${member.email}`,
      props: { reference, title: parsed.data.title, organisationName: request.organisation.name, facilityName: request.facility.name, teamRole: teamRoleLabels[member.role], namedBy: creator?.name ?? "A colleague", url: requestUrl(requestId) },
    });
  }
  return { reference, version };
}
