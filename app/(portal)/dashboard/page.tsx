import type { Metadata } from "next";
import Link from "next/link";
import { roleLabels } from "@/server/organisations/roles";
import { Badge, ButtonLink, Card, EmptyState, PageHeader } from "../../_components/ui";
import { portalApi } from "../../_lib/server-api";
import { ConsortiumSection, FacilitySection, FunderSection, OrganisationsSection, PlatformSection } from "./sections";
import { RequestList } from "./request-list";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const api = await portalApi();
  const dashboard = await api.dashboard.get();
  const roles = new Set(dashboard.roles);
  const has = (...r: (keyof typeof roleLabels)[]) => r.some((x) => roles.has(x));
  const requests = has("APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER", "FACILITY_STAFF", "FACILITY_ADMIN") ? await api.accessRequests.list({}) : [];
  const staffOrgIds = new Set(dashboard.facilities.map((f) => f.organisationId));
  const staffQueue = requests.filter((r) => staffOrgIds.has(r.facility.organisationId) && ["SUBMITTED", "FEASIBILITY_REVIEW", "SAFETY_REVIEW", "AWAITING_DECISION"].includes(r.state));
  const myOrgIds = new Set(dashboard.organisations.map((o) => o.id));
  const ownRequests = requests.filter((r) => myOrgIds.has(r.organisationId));
  const requestCounts = has("FUNDER") ? await api.accessRequests.countsByState() : null;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={roles.size ? `You are signed in as ${[...roles].map((r) => roleLabels[r].toLowerCase()).join(", ")}.` : "You are not part of an organisation yet."}
      />
      <div className="space-y-6">
        {dashboard.pendingInvitations.length > 0 ? (
          <Card title="Needs you now: invitations" id="invitations">
            <ul className="divide-y divide-slate-100 text-sm">
              {dashboard.pendingInvitations.map((invitation) => (
                <li key={invitation.id} className="flex items-center justify-between py-2">
                  <span>
                    Join <strong>{invitation.organisation.name}</strong> as {roleLabels[invitation.role].toLowerCase()}
                  </span>
                  <Badge tone="info">Open the link in your email to accept</Badge>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}

        {roles.size === 0 ? (
          <Card title="Get started" id="get-started">
            <EmptyState
              title="You are not part of an organisation yet"
              action={<ButtonLink href="/organisations/new">Register your organisation</ButtonLink>}
            >
              To request beamtime, register your company or research group (SMEs declare their size to qualify for the SME rate), or ask a colleague who already uses Lodestone to invite you.
            </EmptyState>
          </Card>
        ) : null}

        {has("APPLICANT", "CONSORTIUM_LEAD", "CONSORTIUM_MEMBER") ? (
          <Card title="Your access requests" id="requests" actions={<ButtonLink href="/requests/new">New access request</ButtonLink>}>
            {ownRequests.length === 0 ? (
              <EmptyState title="No access requests yet" action={<ButtonLink href="/requests/new" variant="secondary">Start an industrial access request</ButtonLink>}>
                Your organisation&apos;s requests for beamtime will be listed here with their status and the next step. You can save a draft and come back to it.
              </EmptyState>
            ) : (
              <RequestList requests={ownRequests.slice(0, 6)} more={ownRequests.length - 6} />
            )}
          </Card>
        ) : null}

        {has("CONSORTIUM_LEAD", "CONSORTIUM_MEMBER") ? <ConsortiumSection consortia={dashboard.consortia} /> : null}
        {has("FACILITY_STAFF", "FACILITY_ADMIN") ? (
          <Card title={`Needs you now: ${staffQueue.length} request${staffQueue.length === 1 ? "" : "s"} in review`} id="staff-queue">
            {staffQueue.length === 0 ? (
              <EmptyState title="No requests waiting for review">Feasibility and safety reviews for your endstations will queue here, oldest first, with the time left against each route&apos;s decision target.</EmptyState>
            ) : (
              <RequestList requests={[...staffQueue].sort((a, b) => (a.decisionDueAt?.getTime() ?? 0) - (b.decisionDueAt?.getTime() ?? 0))} more={0} />
            )}
          </Card>
        ) : null}
        {has("FACILITY_STAFF", "FACILITY_ADMIN") ? <FacilitySection facilities={dashboard.facilities} isAdmin={has("FACILITY_ADMIN")} /> : null}
        {has("FUNDER") ? <FunderSection programmes={dashboard.programmes} requestCounts={requestCounts ?? {}} /> : null}
        {dashboard.platform ? <PlatformSection platform={dashboard.platform} /> : null}
        {dashboard.organisations.length > 0 ? <OrganisationsSection organisations={dashboard.organisations} /> : null}
      </div>
      <p className="mt-8 text-xs text-slate-600">
        Looking for something else? <Link className="underline" href="/facilities">See every facility and endstation</Link>.
      </p>
    </>
  );
}
