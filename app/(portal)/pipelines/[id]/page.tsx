import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import type { AnalysisResult } from "@/server/analysis/analyse";
import type { Uncertain } from "@/server/analysis/uncertainty";
import { formatFacilityDateTime } from "@/server/time";
import { Badge, Card, EmptyState, PageHeader, Stat } from "../../../_components/ui";
import { portalApi } from "../../../_lib/server-api";
import { SliceViewer } from "./slice-viewer";

export const metadata: Metadata = { title: "Pipeline results" };

const stateTone = { QUEUED: "neutral", RUNNING: "info", SUCCEEDED: "success", FAILED: "danger", CANCELLED: "warning" } as const;
const stateText = { QUEUED: "Queued", RUNNING: "Running", SUCCEEDED: "Finished", FAILED: "Failed", CANCELLED: "Cancelled" } as const;
const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)} %`);
/** "38.2 % ± 1.4 % (k = 2)": the value with its expanded uncertainty. */
const withUncertainty = (u: Uncertain) => `${pct(u.value)} ± ${(u.expandedUncertainty * 100).toFixed(1)} %`;

export default async function PipelinePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const pipeline = await (await portalApi()).pipelines.get({ pipelineId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const zone = pipeline.run.timeZone;
  const analysisStep = pipeline.steps.find((s) => s.outputs.some((o) => o.name === "analysis"));
  const analysis = analysisStep?.outputs.find((o) => o.name === "analysis")?.figures as AnalysisResult | undefined;
  const preview = analysisStep?.outputs.find((o) => o.name === "preview")?.figures as { nx: number; ny: number; nz: number; factor: number; phases: { label: number; name: string }[] } | undefined;
  return (
    <>
      <PageHeader
        title={`${pipeline.reference} · ${pipeline.template.name} v${pipeline.template.version}`}
        description={<>On <Link className="text-brand-700 underline" href={`/runs/${pipeline.run.id}`}>{pipeline.run.reference}</Link> · started {formatFacilityDateTime(pipeline.createdAt, zone)}{pipeline.finishedAt ? ` · finished ${formatFacilityDateTime(pipeline.finishedAt, zone)}` : ""}</>}
        actions={<Badge tone={stateTone[pipeline.state]}>{stateText[pipeline.state]}</Badge>}
      />
      <div className="space-y-6">
        <Card title="Steps">
          <ol className="space-y-3">
            {pipeline.steps.map((s) => (
              <li key={s.id} className="text-sm">
                <div className="flex flex-wrap justify-between gap-2"><span className="font-medium">{s.position + 1}. {s.key} · {s.executor.toLowerCase()}</span><span>{stateText[s.state]} · {s.progress} % · attempt {s.attempts} of {s.maxAttempts}</span></div>
                <div role="progressbar" aria-label={`Step ${s.key}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={s.progress} className="mt-1 h-2 w-full overflow-hidden rounded bg-slate-100"><div className={`h-2 ${s.state === "FAILED" ? "bg-red-600" : "bg-brand-600"}`} style={{ width: `${s.progress}%` }} /></div>
                {s.message ? <p className="mt-1 text-slate-700">{s.message}</p> : null}
                {s.flaggedAt ? <p className="mt-1 text-amber-800">Silent past its deadline since {formatFacilityDateTime(s.flaggedAt, zone)}.</p> : null}
                {s.outputs.filter((o) => o.uri).length > 0 ? (
                  <ul className="mt-1 space-y-0.5 text-slate-700">
                    {s.outputs.filter((o) => o.uri).map((o) => <li key={o.id}><a className="text-brand-700 underline" href={`/api/pipelines/${pipeline.id}/outputs/${encodeURIComponent(o.name)}?step=${encodeURIComponent(s.key)}`}>{o.name}</a> · {Number(o.sizeBytes).toLocaleString("en-GB")} bytes · <span className="font-mono text-xs">sha256 {o.sha256?.slice(0, 12)}…</span></li>)}
                  </ul>
                ) : null}
                {s.logTail ? <details className="mt-1"><summary className="cursor-pointer text-brand-700">Log</summary><pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs">{s.logTail}</pre></details> : null}
              </li>
            ))}
          </ol>
        </Card>

        {!analysis ? (
          <Card title="Results"><EmptyState title="No results yet">{pipeline.state === "FAILED" ? "A step failed: its message is above. Staff can retry it from the run page." : "The figures appear here when the analysis step finishes."}</EmptyState></Card>
        ) : (
          <>
            <div className="grid gap-4 sm:grid-cols-3">
              <Stat label="Porosity" value={withUncertainty(analysis.porosity.total)} hint={analysis.porosity.total.method} />
              <Stat label="Connected porosity (x / y / z)" value={`${pct(analysis.porosity.connected.x.fraction.value)} / ${pct(analysis.porosity.connected.y.fraction.value)} / ${pct(analysis.porosity.connected.z.fraction.value)}`} hint="Pores in 6-connected clusters spanning the volume along each axis." />
              <Stat label="Particles" value={analysis.particles.count.toLocaleString("en-GB")} hint={`${analysis.particles.targetBearing} carry target mineral; ${analysis.particles.touchingEdge} touch the edge.`} />
            </div>
            <Card title="Liberation: 3-D particles against 2-D sections" id="liberation">
              <p className="mb-3 text-sm text-slate-700">Share of the target mineral in each class, measured on 3-D particles and estimated from {analysis.sections.planes.z} planar sections of the same volume. Sections usually overstate liberation: the difference is the bias a 2-D method would carry.</p>
              <div className="overflow-x-auto">
                <table className="w-full min-w-[480px] text-left text-sm">
                  <caption className="sr-only">Liberation spectrum, 3-D and 2-D</caption>
                  <thead className="text-xs uppercase tracking-wide text-slate-600"><tr><th scope="col" className="py-1 pr-3">Class</th><th scope="col" className="py-1 pr-3">3-D</th><th scope="col" className="py-1 pr-3">2-D sections</th><th scope="col" className="py-1">2-D − 3-D</th></tr></thead>
                  <tbody className="divide-y divide-slate-100">
                    {analysis.liberation.allTargets.sideBySide.map((row, i) => (
                      <tr key={row.class}>
                        <th scope="row" className="py-2 pr-3 font-medium">{row.class}</th>
                        <td className="py-2 pr-3">{analysis.liberation.allTargets.threeD.classes[i]?.targetShare ? withUncertainty(analysis.liberation.allTargets.threeD.classes[i]!.targetShare!) : "—"}</td>
                        <td className="py-2 pr-3">{analysis.liberation.allTargets.twoD.classes[i]?.targetShare ? withUncertainty(analysis.liberation.allTargets.twoD.classes[i]!.targetShare!) : "—"}</td>
                        <td className="py-2">{row.difference === null ? "—" : `${row.difference > 0 ? "+" : ""}${(row.difference * 100).toFixed(1)} points`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
            <Card title="Modal mineralogy" id="mineralogy">
              <ul className="grid gap-2 text-sm sm:grid-cols-2">
                {analysis.modalMineralogy.map((m) => <li key={m.label}><span className="font-medium">{m.name}</span> ({m.role.toLowerCase()}): {withUncertainty(m.fraction)}</li>)}
              </ul>
            </Card>
            {preview && analysisStep ? (
              <Card title="Slices of the segmented volume" id="viewer">
                <SliceViewer url={`/api/pipelines/${pipeline.id}/outputs/preview-labels?step=${encodeURIComponent(analysisStep.key)}`} dims={{ nx: preview.nx, ny: preview.ny, nz: preview.nz }} voxel={(analysis.volume.voxelSize?.value ?? 1) * preview.factor} maxLabel={Math.max(...preview.phases.map((p) => p.label))} label={`Orthogonal slices of ${pipeline.reference}'s segmented volume`} />
                <p className="mt-2 text-sm text-slate-700">Phases: {preview.phases.map((p) => `${p.label} ${p.name}`).join(" · ")}{preview.factor > 1 ? ` · shown at 1/${preview.factor} of the resolution` : ""}.</p>
              </Card>
            ) : null}
          </>
        )}
      </div>
    </>
  );
}
