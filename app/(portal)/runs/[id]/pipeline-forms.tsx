"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { startPipelineSchema } from "@/server/pipelines/schemas";
import { Field, FormError, Select } from "../../../_components/form";
import { Badge, Button } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

export function StartPipelineForm({ runId, templates, scans }: { runId: string; templates: { id: string; label: string }[]; scans: { id: string; label: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const defaults = { runId, templateId: templates[0]?.id ?? "", scanIds: scans.slice(0, 1).map((s) => s.id) };
  const form = useForm<z.input<typeof startPipelineSchema>, unknown, z.output<typeof startPipelineSchema>>({ resolver: zodResolver(startPipelineSchema), defaultValues: defaults });
  const start = useMutation(trpc.pipelines.start.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["templateId", "scanIds"], async (values) => {
    await start.mutateAsync(values);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Start a pipeline">
      <FormError message={formError} />
      <Field label="Pipeline" error={errors.templateId} required>
        {({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("templateId")}>{templates.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}</Select>}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Scans</legend>
        <div className="mt-1 space-y-1">
          {scans.map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm"><input type="checkbox" value={s.id} {...form.register("scanIds")} /> {s.label}</label>
          ))}
        </div>
        {errors.scanIds ? <p className="mt-1 text-sm text-red-700">{errors.scanIds.message}</p> : null}
      </fieldset>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Starting…" : "Start the pipeline"}</Button>
    </form>
  );
}

interface StepView { id: string; key: string; state: string; progress: number; message: string | null }
interface PipelineView { id: string; reference: string; state: string; templateName: string; steps: StepView[] }

const stateTone = { QUEUED: "neutral", RUNNING: "info", SUCCEEDED: "success", FAILED: "danger", CANCELLED: "warning" } as const;
const stateText = { QUEUED: "Queued", RUNNING: "Running", SUCCEEDED: "Finished", FAILED: "Failed", CANCELLED: "Cancelled" } as const;

/**
 * The run's pipelines with a progress bar per step, kept current by the run's
 * live stream (Server-Sent Events fed by LISTEN/NOTIFY): each notice moves its
 * bar, and a step that finishes reloads the page's data for its results.
 */
export function PipelinesLive({ runId, pipelines }: { runId: string; pipelines: PipelineView[] }) {
  const router = useRouter();
  const [steps, setSteps] = useState<Record<string, { state: string; progress: number }>>({});
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource(`/api/runs/${runId}/live`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("step", (event) => {
      const notice = JSON.parse((event as MessageEvent<string>).data) as { stepId: string; state: string; progress: number; pipelineId: string };
      setSteps((current) => ({ ...current, [notice.stepId]: { state: notice.state, progress: notice.progress } }));
      if (notice.state !== "RUNNING") router.refresh();
    });
    return () => source.close();
  }, [runId, router]);

  return (
    <div className="space-y-4">
      <p className="sr-only" role="status">{connected ? "Progress updates live." : ""}</p>
      {pipelines.map((p) => (
        <div key={p.id} className="rounded-md border border-slate-200 p-3">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <Link href={`/pipelines/${p.id}`} className="font-medium text-brand-700 underline">{p.reference} · {p.templateName}</Link>
            <Badge tone={stateTone[p.state as keyof typeof stateTone] ?? "neutral"}>{stateText[p.state as keyof typeof stateText] ?? p.state}</Badge>
          </div>
          <ol className="space-y-2">
            {p.steps.map((s) => {
              const live = steps[s.id] ?? s;
              return (
                <li key={s.id} className="text-sm">
                  <div className="flex justify-between"><span>{s.key}</span><span>{stateText[live.state as keyof typeof stateText] ?? live.state} · {live.progress} %</span></div>
                  <div role="progressbar" aria-label={`${p.reference} ${s.key}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={live.progress} className="mt-1 h-2 w-full overflow-hidden rounded bg-slate-100">
                    <div className={`h-2 ${live.state === "FAILED" ? "bg-red-600" : "bg-brand-600"}`} style={{ width: `${live.progress}%` }} />
                  </div>
                  {s.message && live.state !== "RUNNING" ? <p className="mt-1 text-slate-600">{s.message}</p> : null}
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </div>
  );
}
