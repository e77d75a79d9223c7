import Link from "next/link";
import { stateLabels } from "@/server/access-requests/state-machine";
import type { Dashboard } from "@/server/dashboard/get-dashboard";
import type { AccessRequestState } from "@/server/generated/prisma/enums";
import { organisationKindLabels } from "@/server/organisations/roles";
import { formatFacilityDate } from "@/server/time";
import { Badge, ButtonLink, Card, EmptyState, Stat } from "../../_components/ui";
import { formatMinor } from "../../_lib/format";
import { techniqueLabels } from "../../_lib/labels";
import { ConsortiumBlocks } from "./consortium-blocks";

export function OrganisationsSection({ organisations }: { organisations: Dashboard["organisations"] }) {
  return (
    <Card title="Your organisations" id="organisations" actions={<Link className="text-sm font-medium text-brand-700 underline" href="/organisations">Manage</Link>}>
      <ul className="divide-y divide-slate-100 text-sm">
        {organisations.map((o) => (
          <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <Link className="font-medium text-slate-900 underline-offset-2 hover:underline" href={`/organisations/${o.id}`}>{o.name}</Link>
            <span className="flex gap-2">
              <Badge>{organisationKindLabels[o.kind]}</Badge>
              {o.smeDeclaration ? (
                <Badge tone={o.smeDeclaration.qualifies ? "success" : "warning"}>{o.smeDeclaration.qualifies ? "Qualifies as SME" : "Does not qualify as SME"}</Badge>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function ConsortiumSection({ consortia }: { consortia: Dashboard["consortia"] }) {
  return (
    <Card title="Consortia" id="consortia">
      {consortia.length === 0 ? (
        <EmptyState title="No consortium yet">A consortium lead holds block-booked beamtime and shares it among member organisations. Ask your facility to set up a block for your consortium.</EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {consortia.map((c) => (
            <div key={c.id} className="rounded-md border border-slate-200 p-4">
              <p className="font-semibold text-slate-900">{c.name} <span className="font-normal text-slate-600">({c.acronym})</span></p>
              <p className="mt-1 text-sm text-slate-700">{c.description}</p>
              <p className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-600">Lead</p>
              <p className="text-sm">{c.leadOrganisation.name}</p>
              <p className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-600">{c.members.length} member organisations</p>
              <ul className="text-sm">
                {c.members.map((m) => <li key={m.organisationId}>{m.organisation.name} <span className="text-slate-600">· {organisationKindLabels[m.organisation.kind]}</span></li>)}
              </ul>
              <ConsortiumBlocks consortium={c} />
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

export function FacilitySection({ facilities, isAdmin }: { facilities: Dashboard["facilities"]; isAdmin: boolean }) {
  return (
    <>
      {facilities.map((f) => (
        <Card key={f.id} title={`${f.name} · ${f.timeZone}`} id={`facility-${f.code}`} actions={isAdmin ? <ButtonLink variant="secondary" href={`/organisations/${f.organisationId}`}>Team</ButtonLink> : undefined}>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Endstations at {f.name}</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600">
                <tr><th scope="col" className="py-2 pr-4">Endstation</th><th scope="col" className="py-2 pr-4">Technique</th><th scope="col" className="py-2 pr-4">Shift pattern</th><th scope="col" className="py-2">Status</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {f.endstations.map((e) => (
                  <tr key={e.id}>
                    <td className="py-2 pr-4 font-medium">{e.name}</td>
                    <td className="py-2 pr-4">{techniqueLabels[e.technique]}</td>
                    <td className="py-2 pr-4">{e.shiftsPerDay} × {e.shiftHours} h from {e.firstShiftStartsAt}</td>
                    <td className="py-2"><Badge tone={e.active ? "success" : "neutral"}>{e.active ? "In operation" : "Offline"}</Badge></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-3 text-sm text-slate-700">
            Cycles: {f.cycles.length ? f.cycles.map((c) => `${c.name} (${formatFacilityDate(c.startsAt, f.timeZone)} – ${formatFacilityDate(new Date(c.endsAt.getTime() - 1), f.timeZone)})`).join("; ") : "none scheduled — add the next allocation cycle."}
          </p>
        </Card>
      ))}
    </>
  );
}

export function FunderSection({ programmes, requestCounts }: { programmes: Dashboard["programmes"]; requestCounts: Partial<Record<AccessRequestState, number>> }) {
  if (programmes.length === 0) {
    return <Card title="Programmes" id="programmes"><EmptyState title="No programme yet">Programmes you fund will show their demonstrators, milestones and subsidy spend here.</EmptyState></Card>;
  }
  return (
    <>
      <Card title="Access requests across the platform" id="request-counts">
        <p className="mb-3 text-sm text-slate-700">Counts only: proprietary requests stay confidential to the applicant and the facility.</p>
        <dl className="grid gap-3 sm:grid-cols-4">
          {(Object.entries(requestCounts) as [AccessRequestState, number][]).map(([state, count]) => (
            <div key={state} className="rounded-md border border-slate-200 p-3"><dt className="text-xs text-slate-600">{stateLabels[state]}</dt><dd className="text-xl font-semibold">{count}</dd></div>
          ))}
        </dl>
        {Object.keys(requestCounts).length === 0 ? <p className="text-sm text-slate-600">No requests submitted yet.</p> : null}
      </Card>
      {programmes.map((p) => (
        <Card key={p.id} title={p.name} id={`programme-${p.id}`} actions={<Link className="text-sm text-brand-700 underline" href={`/programmes/${p.id}`}>Subsidy ledger</Link>}>
          <div className="grid gap-4 sm:grid-cols-3">
            <Stat label="Budget" value={formatMinor(p.budgetMinor, p.currency)} hint="SME subsidy and demonstrator support" />
            <Stat label="Demonstrators" value={p.demonstrators.length} hint="Target: 3 to 5" />
            <Stat label="Programme ends" value={formatFacilityDate(p.endsOn, "Europe/London")} />
          </div>
          <h3 className="mt-5 text-sm font-semibold text-slate-900">Demonstrators</h3>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {p.demonstrators.map((d) => (
              <li key={d.id} className="py-2">
                <p className="font-medium">{d.title}</p>
                <p className="text-slate-700">{d.leadOrganisation.name} · pilot-plant decision due {formatFacilityDate(d.pilotDecisionDue, "Europe/London")}</p>
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </>
  );
}

export function PlatformSection({ platform }: { platform: NonNullable<Dashboard["platform"]> }) {
  return (
    <Card title="Platform" id="platform" actions={<Link className="text-sm font-medium text-brand-700 underline" href="/admin/audit">Audit log</Link>}>
      <div className="grid gap-4 sm:grid-cols-4">
        <Stat label="Organisations" value={platform.organisationCount} />
        <Stat label="Users" value={platform.userCount} />
        <Stat label="Emails waiting" value={platform.mailPending} hint="Delivered by the outbox worker" />
        <Stat label="Emails failed" value={platform.mailFailed} hint={platform.mailFailed ? "Check the mail provider" : "All delivered"} />
      </div>
      <h3 className="mt-5 text-sm font-semibold text-slate-900">Latest activity</h3>
      {platform.recentAudit.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing has happened yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {platform.recentAudit.map((e) => (
            <li key={e.id.toString()} className="flex justify-between gap-2 py-1.5">
              <span><code className="text-xs">{e.action}</code> by {e.actorEmail ?? "system"}</span>
              <time className="text-slate-600" dateTime={e.at.toISOString()}>{e.at.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
