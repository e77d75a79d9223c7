import { renderToBuffer, type DocumentProps } from "@react-pdf/renderer";
import { createElement, type ReactElement } from "react";
import type { Actor } from "../../access/actor";
import type { Db } from "../../db";
import { invalid, notFound } from "../../errors";
import type { AccessRouteKind } from "../../generated/prisma/enums";
import { loadVisibleRequest } from "../load-request";
import { requestContentSchema, type RequestContent } from "../schemas";
import { stateLabels } from "../state-machine";
import { registerPdfFonts } from "../../pdf/fonts";
import { RequestDocument, type RequestPdfData } from "./request-document";
import { clock } from "../../clock";

/** Routes whose requests make an industrial case (the same list the submission rules use). */
const industrialKinds: AccessRouteKind[] = ["PROPRIETARY_INDUSTRIAL", "SME_INDUSTRIAL", "RAPID"];

function contentOf(raw: unknown): RequestContent {
  const parsed = requestContentSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A version frozen under older rules: show what is there, defaults for the rest.
  return { ...requestContentSchema.parse({}), ...(raw as Partial<RequestContent>) };
}

/**
 * One submitted version of a request as a PDF (the latest when `version` is
 * omitted). Visibility is exactly the request page's: a request the actor may
 * not see is "not found".
 */
export async function renderRequestPdf(db: Db, actor: Actor, requestId: string, version?: number): Promise<{ filename: string; pdf: Buffer }> {
  if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw invalid("The version must be a whole number from 1.");
  const { request } = await loadVisibleRequest(db, actor, requestId);

  const row = await db.accessRequestVersion.findFirst({
    where: { requestId, ...(version === undefined ? {} : { version }) },
    orderBy: { version: "desc" },
  });
  if (!row) {
    if (request.version === 0) throw invalid("A PDF is made when the request is submitted.");
    throw notFound(`Version ${version} of ${request.reference ?? "this request"}`);
  }

  const content = contentOf(row.content);
  const [endstations, demonstrator, submitter] = await Promise.all([
    content.endstationIds.length
      ? db.endstation.findMany({ where: { id: { in: content.endstationIds }, facilityId: request.facilityId }, select: { id: true, code: true, name: true, technique: true, shiftHours: true } })
      : [],
    content.demonstratorId ? db.demonstrator.findUnique({ where: { id: content.demonstratorId }, select: { title: true } }) : null,
    row.submittedById ? db.user.findUnique({ where: { id: row.submittedById }, select: { name: true } }) : null,
  ]);

  const reference = request.reference ?? `request-${request.id}`;
  const data: RequestPdfData = {
    reference,
    status: stateLabels[request.state],
    version: row.version,
    latestVersion: Math.max(request.version, row.version),
    submittedAt: row.submittedAt,
    submittedBy: submitter?.name ?? null,
    timeZone: request.facility.timeZone,
    facility: { name: request.facility.name, code: request.facility.code },
    organisationName: request.organisation.name,
    route: {
      name: request.route.name,
      dataPolicy: request.route.dataPolicy,
      confidential: request.route.confidential,
      industrial: industrialKinds.includes(request.route.kind),
      embargoMonths: request.route.embargoMonths,
    },
    call: request.call ? `${request.call.title} (cycle ${request.call.cycle.name})` : null,
    content,
    endstations,
    demonstratorTitle: demonstrator?.title ?? null,
    generatedAt: clock.now(),
  };

  registerPdfFonts();
  const pdf = await renderToBuffer(createElement(RequestDocument, { data }) as unknown as ReactElement<DocumentProps>);
  return { filename: `${reference}-v${row.version}.pdf`, pdf };
}
