import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { assessSme } from "@/server/organisations/sme";
import { organisationKindLabels, roleLabels, rolesForKind } from "@/server/organisations/roles";
import { formatFacilityDate } from "@/server/time";
import { Badge, Card, DefinitionList, EmptyState, PageHeader } from "../../../_components/ui";
import { formatEuroCents } from "../../../_lib/format";
import { canGrantRole } from "@/server/organisations/policy";
import { currentActor, portalApi } from "../../../_lib/server-api";
import { InviteMemberForm } from "./invite-member-form";
import { LeaveOrganisationButton } from "./leave-organisation-button";
import { RevokeInvitationButton } from "./revoke-invitation-button";

export const metadata: Metadata = { title: "Organisation" };

async function load(id: string) {
  try {
    return await (await portalApi()).organisations.get({ organisationId: id });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function OrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  const organisation = await load((await params).id);
  const actor = await currentActor();
  const sme = organisation.smeDeclaration;
  const assessment = sme ? assessSme(sme) : null;
  const isMember = actor.kind === "user" && actor.memberships.some((m) => m.organisationId === organisation.id);
  return (
    <>
      <PageHeader title={organisation.name} description={organisation.description || undefined} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <Card title={`Members (${organisation.memberships.length})`} id="members">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Members of {organisation.name}</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600">
                <tr><th scope="col" className="py-2 pr-4">Name</th><th scope="col" className="py-2 pr-4">Email</th><th scope="col" className="py-2">Role</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {organisation.memberships.map((m) => (
                  <tr key={m.id}><td className="py-2 pr-4 font-medium">{m.user.name}</td><td className="py-2 pr-4">{m.user.email}</td><td className="py-2"><Badge>{roleLabels[m.role]}</Badge></td></tr>
                ))}
              </tbody>
            </table>
          </Card>
          {organisation.canManage ? (
            <Card title="Invite a colleague" id="invite">
              <p className="mb-4 text-sm text-slate-700">Nobody is added without saying yes: the person gets an email and joins when they accept, whether or not they already have an account.</p>
              <InviteMemberForm organisationId={organisation.id} roles={rolesForKind[organisation.kind].filter((r) => canGrantRole(actor, organisation.id, r)).map((r) => ({ value: r, label: roleLabels[r] }))} />
              <h3 className="mb-2 mt-6 text-sm font-semibold text-slate-900">Pending invitations</h3>
              {organisation.invitations.length === 0 ? (
                <EmptyState title="No pending invitations">Invitations you send appear here until they are accepted or expire after 7 days.</EmptyState>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm">
                  {organisation.invitations.map((i) => (
                    <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span>{i.email} · {roleLabels[i.role]} · expires {formatFacilityDate(i.expiresAt, "Europe/London")}</span>
                      <RevokeInvitationButton invitationId={i.id} email={i.email} />
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ) : null}
        </div>
        <div className="space-y-6">
          <Card title="Details" id="details">
            <DefinitionList items={[
              ["Kind", organisationKindLabels[organisation.kind]],
              ["Country", organisation.country],
              ["Website", organisation.website ? <a className="underline" href={organisation.website}>{organisation.website}</a> : "—"],
              ...(organisation.facility ? [["Facility", organisation.facility.name] as [string, string]] : []),
            ]} />
          </Card>
          {isMember ? (
            <Card title="Your membership" id="leave">
              <LeaveOrganisationButton organisationId={organisation.id} organisationName={organisation.name} />
            </Card>
          ) : null}
          {sme && assessment ? (
            <Card title="SME declaration" id="sme">
              <div className="mb-3"><Badge tone={assessment.qualifies ? "success" : "warning"}>{assessment.qualifies ? "Qualifies as an SME" : "Does not qualify as an SME"}</Badge></div>
              <DefinitionList items={[
                ["Staff", sme.staffHeadcount.toLocaleString("en-GB")],
                ["Turnover", formatEuroCents(sme.annualTurnoverCents)],
                ["Balance sheet", formatEuroCents(sme.balanceSheetTotalCents)],
                ["Accounts year", String(sme.referenceYear)],
              ]} />
              {assessment.reasons.length ? <ul className="mt-3 list-disc pl-5 text-sm text-amber-900">{assessment.reasons.map((r) => <li key={r}>{r}</li>)}</ul> : null}
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
