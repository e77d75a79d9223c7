import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { requestContentSchema } from "@/server/access-requests/schemas";
import { PageHeader } from "../../../../_components/ui";
import { routeKindLabels } from "../../../../_lib/request-labels";
import { portalApi } from "../../../../_lib/server-api";
import { RequestEditor } from "./request-editor";
import { clock } from "@/server/clock";

export const metadata: Metadata = { title: "Edit access request" };

export default async function EditRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await portalApi();
  const detail = await api.accessRequests.get({ requestId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  if (!detail.canEdit) redirect(`/requests/${id}`);
  const [facilities, demonstrators] = await Promise.all([api.accessRequests.routes(), api.accessRequests.demonstrators()]);
  const facility = facilities.find((f) => f.id === detail.request.facilityId)!;
  const { request } = detail;
  const content = requestContentSchema.parse(detail.content ?? {});

  return (
    <>
      <PageHeader
        title={request.reference ? `${request.reference}: edit and resubmit` : "Draft access request"}
        description={`${routeKindLabels[request.route.kind]} at ${facility.name}, for ${request.organisation.name}.`}
      />
      <RequestEditor
        requestId={id}
        initial={content}
        isResubmission={request.state === "CHANGES_REQUESTED"}
        context={{
          routeKind: request.route.kind,
          maxShifts: request.route.maxShifts,
          today: format(clock.now(), "yyyy-MM-dd", { in: tz(facility.timeZone) }),
          endstationIds: facility.endstations.map((e) => e.id),
        }}
        route={{ name: request.route.name, dataPolicy: request.route.dataPolicy, confidential: request.route.confidential, organisationName: request.organisation.name }}
        endstations={facility.endstations}
        demonstrators={demonstrators.map((d) => ({ id: d.id, title: `${d.title} (${d.programme.name})` }))}
        changeRequest={detail.reviews.filter((r) => r.kind === "FEASIBILITY" && r.outcome === "CHANGES_NEEDED").at(-1)?.comments ?? null}
      />
    </>
  );
}
