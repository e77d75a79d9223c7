import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { clock } from "@/server/clock";
import { downtimeCauseLabels } from "@/server/runs/schemas";
import { formatFacilityDateTime, localInputValue } from "@/server/time";
import { Badge, Card, DefinitionList, EmptyState, PageHeader } from "../../../_components/ui";
import { portalApi } from "../../../_lib/server-api";
import { CloseRunForm, DowntimeForm, LogEntryForm, MountForm, UnmountButton } from "./logbook-forms";
import { PipelinesLive, StartPipelineForm } from "./pipeline-forms";
import { ScanForm } from "./scan-form";
import { SeriesCharts } from "./series-chart";
import { SeriesImportForm } from "./series-import";

export const metadata: Metadata = { title: "Run" };

const hours = (from: Date, to: Date) => `${Math.round(((to.getTime() - from.getTime()) / 3_600_000) * 100) / 100} h`;

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await (await portalApi()).runs.get({ runId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { run, facility, window, mountable, pipelines, templates, you } = data;
  const zone = facility.timeZone;
  const open = run.state === "OPEN";
  const mounted = run.mounts.filter((m) => !m.unmountedAt);
  const mountedIds = new Set(mounted.map((m) => m.sample.id));
  const corrected = new Set(run.entries.map((e) => e.correctsId).filter(Boolean));
  const scanOptions = run.scans.map((s) => ({ id: s.id, label: `${s.technique} · ${formatFacilityDateTime(s.startTime, zone)}${s.sample ? ` · ${s.sample.code}` : ""}` }));
  const next = you.staff && open
    ? you.canClose
      ? "The booked time has ended: close the run with a summary."
      : run.scans.length === 0
        ? "Mount the samples and record each scan as it is taken."
        : templates.length > 0 && pipelines.length === 0
          ? "Start a pipeline on the scans to process them."
          : "Keep the logbook; close the run after its time ends."
    : null;

  return (
    <>
      <PageHeader
        title={`${run.reference} · ${run.endstation.name}`}
        description={<>{run.request ? <>For <Link className="text-brand-700 underline" href={`/requests/${run.request.id}`}>{run.request.reference} “{run.request.title}”</Link> · </> : run.session ? <>{run.session.title} · </> : null}{run.organisation.name} · {formatFacilityDateTime(window.startsAt, zone)} to {formatFacilityDateTime(window.endsAt, zone)}</>}
        actions={<Badge tone={open ? "info" : "neutral"}>{open ? "Open" : `Closed ${formatFacilityDateTime(run.closedAt!, zone)}`}</Badge>}
      />
      {next ? <p className="mb-6 rounded-md border border-brand-200 bg-brand-50 px-4 py-3 text-sm text-slate-800"><span className="font-semibold">Next: </span>{next}</p> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={`Scans (${run.scans.length})`} id="scans">
            {run.scans.length === 0 ? (
              <EmptyState title="No scans yet">{you.staff && open ? "Record each scan below, typed in or filled from its NeXus file." : "Scans appear here as the facility records them."}</EmptyState>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full min-w-[560px] text-left text-sm">
                  <caption className="sr-only">Scans of {run.reference}</caption>
                  <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="py-1 pr-3">Started</th><th scope="col" className="py-1 pr-3">Technique</th><th scope="col" className="py-1 pr-3">Source</th><th scope="col" className="py-1 pr-3">Voxel</th><th scope="col" className="py-1 pr-3">Volume</th><th scope="col" className="py-1">Data</th></tr></thead>
                  <tbody className="divide-y divide-slate-100 align-top">
                    {run.scans.map((s) => (
                      <tr key={s.id}>
                        <td className="py-2 pr-3">{formatFacilityDateTime(s.startTime, zone)}</td>
                        <td className="py-2 pr-3">{s.technique}{s.sample ? ` · ${s.sample.code}` : ""}{s.projections ? <span className="block text-slate-600">{s.projections} projections{s.rotationStartDeg !== null && s.rotationEndDeg !== null ? `, ${Number(s.rotationStartDeg)}–${Number(s.rotationEndDeg)}°` : ""}</span> : null}</td>
                        <td className="py-2 pr-3">{s.energyKeV !== null ? `${Number(s.energyKeV)} keV` : `${Number(s.tubeVoltageKv)} kV`}</td>
                        <td className="py-2 pr-3">{Number(s.voxelSize)} {s.voxelUnit === "um" ? "µm" : s.voxelUnit}</td>
                        <td className="py-2 pr-3">{s.sizeX && s.sizeY && s.sizeZ ? `${s.sizeX}×${s.sizeY}×${s.sizeZ}` : "—"}</td>
                        <td className="break-all py-2 font-mono text-xs">{s.dataUri}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {you.staff && open ? (
              <details className="mt-4 rounded-md border border-slate-200 p-4" open={run.scans.length === 0}>
                <summary className="cursor-pointer text-sm font-semibold text-slate-900">Record a scan</summary>
                <div className="mt-4"><ScanForm runId={run.id} samples={mountable.map((s) => ({ id: s.id, label: `${s.code} · ${s.name}` }))} now={localInputValue(clock.now(), zone)} /></div>
              </details>
            ) : null}
          </Card>

          <Card title={`Time series (${run.series.length})`} id="series">
            {run.series.length === 0 ? (
              <EmptyState title="No time series yet">{you.staff ? "Import the sample environment's log or the outlet-fluid chemistry (ICP-OES, ICP-MS, IC, pH, Eh) from the instrument's CSV export." : "The sample environment and outlet chemistry appear here when the facility imports them."}</EmptyState>
            ) : (
              <SeriesCharts runId={run.id} version={run.series.length} />
            )}
            {you.staff ? (
              <details className="mt-4 rounded-md border border-slate-200 p-4">
                <summary className="cursor-pointer text-sm font-semibold text-slate-900">Import a CSV export</summary>
                <div className="mt-4"><SeriesImportForm runId={run.id} facilityZone={zone} instruments={data.instruments} /></div>
              </details>
            ) : null}
          </Card>

          <Card title={`Pipelines (${pipelines.length})`} id="pipelines">
            {pipelines.length === 0 ? <EmptyState title="No pipelines yet">{templates.length === 0 ? "The facility has no pipeline for this endstation yet." : run.scans.length === 0 ? "Start a pipeline once a scan is recorded." : "Start one below on the run's scans."}</EmptyState> : null}
            <PipelinesLive runId={run.id} pipelines={pipelines.map((p) => ({ id: p.id, reference: p.reference, state: p.state, templateName: `${p.template.name} v${p.template.version}`, steps: p.steps }))} />
            {templates.length > 0 && run.scans.length > 0 ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <StartPipelineForm runId={run.id} templates={templates.map((t) => ({ id: t.id, label: `${t.name} v${t.version}: ${t.steps.map((s) => s.name).join(" → ")}` }))} scans={scanOptions} />
              </div>
            ) : null}
          </Card>

          <Card title="Logbook" id="logbook">
            <ol className="mb-4 space-y-2 text-sm" aria-label={`Logbook of ${run.reference}`}>
              {run.entries.map((e) => (
                <li key={e.id} className={corrected.has(e.id) ? "text-slate-500 line-through decoration-slate-400" : ""}>
                  <span className="font-medium text-slate-900">{formatFacilityDateTime(e.at, zone)}</span> · {e.authorName}: {e.correctsId ? <span className="font-medium">Correction: </span> : null}{e.text}
                </li>
              ))}
            </ol>
            {open || you.staff ? <LogEntryForm runId={run.id} corrections={run.entries.filter((e) => !corrected.has(e.id)).map((e) => ({ id: e.id, label: `${formatFacilityDateTime(e.at, zone)}: ${e.text.slice(0, 60)}` }))} /> : null}
          </Card>
        </div>

        <div className="space-y-6">
          <Card title="Samples on the endstation" id="mounts">
            {run.mounts.length === 0 ? <p className="text-sm text-slate-700">{run.requestId ? "No sample mounted yet." : "A block session's run has no registered samples."}</p> : (
              <ul className="mb-4 space-y-2 text-sm">
                {run.mounts.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-center justify-between gap-2">
                    <span>{m.sample.code} · {m.sample.name}{m.position ? ` · ${m.position}` : ""}<span className="block text-slate-600">{m.unmountedAt ? `Taken off ${formatFacilityDateTime(m.unmountedAt, zone)}` : `Mounted ${formatFacilityDateTime(m.mountedAt, zone)}`}</span></span>
                    {!m.unmountedAt && you.staff ? <UnmountButton runId={run.id} mountId={m.id} code={m.sample.code} /> : null}
                  </li>
                ))}
              </ul>
            )}
            {you.staff && open && mountable.some((s) => !mountedIds.has(s.id)) ? <MountForm runId={run.id} samples={mountable.filter((s) => !mountedIds.has(s.id)).map((s) => ({ id: s.id, label: `${s.code} · ${s.name}` }))} /> : null}
            {you.staff && open && run.requestId && mountable.length === 0 ? <p className="text-sm text-slate-700">No sample of the request has been received yet: receive them at the <Link className="text-brand-700 underline" href="/receipt">receipt desk</Link>.</p> : null}
          </Card>

          <Card title="Operators" id="operators">
            <ul className="space-y-1 text-sm">{run.operators.map((o) => <li key={o.id}>{o.name} · {o.role === "STAFF" ? "facility staff" : "user"}</li>)}</ul>
          </Card>

          <Card title="Downtime" id="downtime">
            {run.downtime.length === 0 ? <p className="mb-3 text-sm text-slate-700">No beam time lost so far.</p> : (
              <ul className="mb-4 space-y-1 text-sm">
                {run.downtime.map((d) => <li key={d.id}>{downtimeCauseLabels[d.cause]} · {hours(d.startsAt, d.endsAt)} · {d.facilityFault ? "credited" : "not credited"}{d.note ? ` · ${d.note}` : ""}</li>)}
              </ul>
            )}
            {you.staff && open ? <DowntimeForm runId={run.id} from={localInputValue(window.startsAt, zone)} to={localInputValue(window.endsAt, zone)} /> : null}
          </Card>

          {run.feeders.length > 0 || run.citedBy.length > 0 ? (
            <Card title="Linked runs" id="feeders">
              <DefinitionList items={[...run.feeders.map((f): [string, React.ReactNode] => ["Fed by", <Link key={f.id} className="text-brand-700 underline" href={`/runs/${f.feederRun.id}`}>{f.feederRun.reference} at {f.feederRun.facility.name}</Link>]), ...run.citedBy.filter((c) => c.run).map((c): [string, React.ReactNode] => ["Fed", <Link key={c.id} className="text-brand-700 underline" href={`/runs/${c.run!.id}`}>{c.run!.reference} at {c.run!.facility.name}</Link>])]} />
            </Card>
          ) : null}

          {you.canClose ? <Card title="Close the run" id="close"><CloseRunForm runId={run.id} /></Card> : null}
          {!open ? <Card title="Summary"><p className="text-sm text-slate-800">{run.summary}</p></Card> : null}
        </div>
      </div>
    </>
  );
}
