"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { closeRunSchema, downtimeCauseLabels, downtimeCauses, downtimeSchema, logEntrySchema, mountSchema } from "@/server/runs/schemas";
import { Field, FormError, Input, Select, Textarea } from "../../../_components/form";
import { Button } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

export function LogEntryForm({ runId, corrections }: { runId: string; corrections: { id: string; label: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof logEntrySchema>, unknown, z.output<typeof logEntrySchema>>({ resolver: zodResolver(logEntrySchema), defaultValues: { runId, text: "", correctsId: null } });
  const add = useMutation(trpc.runs.addEntry.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["text", "correctsId"], async (values) => {
    await add.mutateAsync(values);
    form.reset({ runId, text: "", correctsId: null });
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Write in the logbook">
      <FormError message={formError} />
      <Field label="Entry" help="Entries are kept as written; to fix one, write a correction." error={errors.text} required>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("text")} />}
      </Field>
      {corrections.length > 0 ? (
        <Field label="Corrects" error={errors.correctsId}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("correctsId", { setValueAs: (v: string) => (v ? v : null) })}>
              <option value="">A new entry</option>
              {corrections.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </Select>
          )}
        </Field>
      ) : null}
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Writing…" : "Add to the logbook"}</Button>
    </form>
  );
}

export function MountForm({ runId, samples }: { runId: string; samples: { id: string; label: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof mountSchema>, unknown, z.output<typeof mountSchema>>({ resolver: zodResolver(mountSchema), defaultValues: { runId, sampleId: samples[0]?.id ?? "", position: "" } });
  const mount = useMutation(trpc.runs.mount.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["sampleId", "position"], async (values) => {
    await mount.mutateAsync(values);
    form.reset({ runId, sampleId: samples[0]?.id ?? "", position: "" });
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end" aria-label="Mount a sample">
      <div className="sm:col-span-3"><FormError message={formError} /></div>
      <Field label="Sample" error={errors.sampleId} required>
        {({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("sampleId")}>{samples.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}</Select>}
      </Field>
      <Field label="Position" error={errors.position}>{({ id, describedBy, invalid }) => <Input id={id} placeholder="Stage 1" aria-describedby={describedBy} invalid={invalid} {...form.register("position")} />}</Field>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Mounting…" : "Mount"}</Button>
    </form>
  );
}

export function UnmountButton({ runId, mountId, code }: { runId: string; mountId: string; code: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const unmount = useMutation(trpc.runs.unmount.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="inline-flex flex-col">
      <Button type="button" variant="secondary" disabled={unmount.isPending} onClick={() => unmount.mutate({ runId, mountId })}>Take {code} off</Button>
      {unmount.error ? <span role="alert" className="text-sm text-red-700">{unmount.error.message}</span> : null}
    </span>
  );
}

export function DowntimeForm({ runId, from, to }: { runId: string; from: string; to: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const defaults: z.input<typeof downtimeSchema> = { runId, startsAt: from, endsAt: from, cause: "BEAM_LOSS", facilityFault: true, note: "" };
  const form = useForm<z.input<typeof downtimeSchema>, unknown, z.output<typeof downtimeSchema>>({ resolver: zodResolver(downtimeSchema), defaultValues: defaults });
  const record = useMutation(trpc.runs.recordDowntime.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["startsAt", "endsAt", "cause", "facilityFault", "note"], async (values) => {
    await record.mutateAsync(values);
    form.reset(defaults);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record downtime">
      <FormError message={formError} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="From" error={errors.startsAt} required>{({ id, describedBy, invalid }) => <Input id={id} type="datetime-local" min={from} max={to} aria-describedby={describedBy} invalid={invalid} {...form.register("startsAt")} />}</Field>
        <Field label="Until" error={errors.endsAt} required>{({ id, describedBy, invalid }) => <Input id={id} type="datetime-local" min={from} max={to} aria-describedby={describedBy} invalid={invalid} {...form.register("endsAt")} />}</Field>
        <Field label="Cause" error={errors.cause} required>
          {({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("cause")}>{downtimeCauses.map((c) => <option key={c} value={c}>{downtimeCauseLabels[c]}</option>)}</Select>}
        </Field>
        <Field label="Note" error={errors.note}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("note")} />}</Field>
      </div>
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" {...form.register("facilityFault")} /> The facility caused it (credited on the invoice)</label>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Recording…" : "Record downtime"}</Button>
    </form>
  );
}

export function CloseRunForm({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof closeRunSchema>, unknown, z.output<typeof closeRunSchema>>({ resolver: zodResolver(closeRunSchema), defaultValues: { runId, summary: "" } });
  const close = useMutation(trpc.runs.close.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["summary"], async (values) => {
    await close.mutateAsync(values);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Close the run">
      <FormError message={formError} />
      <Field label="Summary" help="How the run went: what was measured, what was lost. Samples still mounted are taken off." error={errors.summary} required>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={3} aria-describedby={describedBy} invalid={invalid} {...form.register("summary")} />}
      </Field>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Closing…" : "Close the run"}</Button>
    </form>
  );
}
