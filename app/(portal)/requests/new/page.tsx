import type { Metadata } from "next";
import { organisationIdsOf } from "@/server/access/actor";
import { formatFacilityDate } from "@/server/time";
import { EmptyState, PageHeader } from "../../../_components/ui";
import { routeKindLabels } from "../../../_lib/request-labels";
import { portalApi, requireActor } from "../../../_lib/server-api";
import { NewRequestForm, type RouteOption } from "./new-request-form";
import { clock } from "@/server/clock";

export const metadata: Metadata = { title: "New access request" };

export default async function NewRequestPage() {
  const api = await portalApi();
  const actor = await requireActor();
  const [facilities, organisations] = await Promise.all([api.accessRequests.routes(), api.organisations.mine()]);
  const applyingFor = organisations.filter((o) => organisationIdsOf(actor, "APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER").includes(o.id));
  const now = clock.now();

  const options: RouteOption[] = facilities.flatMap((f) =>
    f.accessRoutes
      .filter((r) => r.kind !== "CONSORTIUM_BLOCK")
      .map((r) => {
        const open = r.calls.find((c) => c.opensAt <= now && c.closesAt > now);
        const next = r.calls.find((c) => c.opensAt > now);
        return {
          facilityId: f.id,
          facilityName: f.name,
          routeId: r.id,
          kind: r.kind,
          label: routeKindLabels[r.kind],
          name: r.name,
          description: r.description,
          dataPolicy: r.dataPolicy,
          confidential: r.confidential,
          decisionTargetDays: r.decisionTargetDays,
          maxShifts: r.maxShifts,
          callStatus: !r.needsCall
            ? "Takes requests at any time"
            : open
              ? `Call open until ${formatFacilityDate(open.closesAt, f.timeZone)} (cycle ${open.cycle.name})`
              : next
                ? `No call open; the next opens on ${formatFacilityDate(next.opensAt, f.timeZone)}`
                : "No call open",
          callOpen: !r.needsCall || Boolean(open),
        };
      }),
  );

  return (
    <>
      <PageHeader title="New access request" description="Choose where and how you want to apply. You can save a draft at every step and come back to it." />
      {applyingFor.length === 0 ? (
        <EmptyState title="You need an organisation to apply for">Register your organisation or ask a colleague to invite you as an applicant.</EmptyState>
      ) : (
        <NewRequestForm
          organisations={applyingFor.map((o) => ({ id: o.id, name: o.name, smeQualifies: o.smeDeclaration?.qualifies ?? null }))}
          routes={options}
        />
      )}
    </>
  );
}
