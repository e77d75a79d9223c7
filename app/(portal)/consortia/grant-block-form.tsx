"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { grantBlockSchema } from "@/server/consortia/schemas";
import { Field, FormError, Input, Select } from "../../_components/form";
import { Button } from "../../_components/ui";
import { applyServerErrors, useTRPC } from "../../_lib/trpc";

/** The form keeps reporting dates as one comma-separated text; the server gets the list. */
const formSchema = z.object({
  consortiumId: z.string().min(1, "Choose the consortium."),
  endstationId: z.string().min(1, "Choose the endstation."),
  shiftsPerCycle: z.number({ error: "Enter a number of shifts." }).int("Use whole shifts.").min(1, "At least 1 shift.").max(200, "At most 200 shifts."),
  firstCycleId: z.string().min(1, "Choose the first cycle."),
  lastCycleId: z.string().min(1, "Choose the last cycle."),
  reportingDates: z.string().refine((v) => splitDates(v).every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)), "Write dates as YYYY-MM-DD, separated by commas."),
  unusedWarningDays: z.number({ error: "Enter a number of days." }).int("Use whole days.").min(0, "Cannot be negative.").max(180, "At most 180 days."),
});
type FormValues = z.infer<typeof formSchema>;
const fields = ["consortiumId", "endstationId", "shiftsPerCycle", "firstCycleId", "lastCycleId", "reportingDates", "unusedWarningDays"] as const;

function splitDates(text: string): string[] {
  return text.split(/[,\s]+/).map((d) => d.trim()).filter(Boolean);
}

/** A facility admin grants a consortium a block of shifts per cycle on one endstation. */
export function GrantBlockForm({ facilityName, consortia, endstations, cycles }: {
  facilityName: string;
  consortia: { id: string; name: string; acronym: string }[];
  endstations: { id: string; name: string }[];
  cycles: { id: string; name: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: { consortiumId: consortia[0]?.id ?? "", endstationId: endstations[0]?.id ?? "", shiftsPerCycle: 24, firstCycleId: cycles[0]?.id ?? "", lastCycleId: cycles[cycles.length - 1]?.id ?? "", reportingDates: "", unusedWarningDays: 21 },
  });
  const grant = useMutation(trpc.consortia.grantBlock.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  if (consortia.length === 0 || cycles.length === 0) return <EmptyGrant />;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setDone(false);
    try {
      await grant.mutateAsync(grantBlockSchema.parse({ ...values, reportingDates: splitDates(values.reportingDates) }));
      setDone(true);
      router.refresh();
    } catch (error) {
      setFormError(error instanceof z.ZodError ? (error.issues[0]?.message ?? "Check the answers.") : applyServerErrors(error, form.setError, fields));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={`Grant a block at ${facilityName}`}>
      <h3 className="text-sm font-semibold text-slate-900">Grant a consortium a block</h3>
      <FormError message={formError} />
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Consortium" error={errors.consortiumId} required>{({ id, describedBy }) => <Select id={id} aria-describedby={describedBy} {...form.register("consortiumId")}>{consortia.map((c) => <option key={c.id} value={c.id}>{c.acronym} — {c.name}</option>)}</Select>}</Field>
        <Field label="Endstation" error={errors.endstationId} required>{({ id, describedBy }) => <Select id={id} aria-describedby={describedBy} {...form.register("endstationId")}>{endstations.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}</Select>}</Field>
        <Field label="Shifts per cycle" error={errors.shiftsPerCycle} required>{({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("shiftsPerCycle", { valueAsNumber: true })} />}</Field>
        <Field label="First cycle" error={errors.firstCycleId} required>{({ id, describedBy }) => <Select id={id} aria-describedby={describedBy} {...form.register("firstCycleId")}>{cycles.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</Select>}</Field>
        <Field label="Last cycle" error={errors.lastCycleId} required>{({ id, describedBy }) => <Select id={id} aria-describedby={describedBy} {...form.register("lastCycleId")}>{cycles.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</Select>}</Field>
        <Field label="Warn about unused time (days before a cycle ends)" error={errors.unusedWarningDays} required>{({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("unusedWarningDays", { valueAsNumber: true })} />}</Field>
      </div>
      <Field label="Reporting dates" help="YYYY-MM-DD, separated by commas; inside the block's period." error={errors.reportingDates}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} placeholder="2027-01-01, 2027-07-01, 2027-12-31" {...form.register("reportingDates")} />}</Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={isSubmitting}>{isSubmitting ? "Granting…" : "Grant the block"}</Button>
        <span role="status" className="text-sm text-emerald-800">{done ? "Granted" : ""}</span>
      </div>
    </form>
  );
}

function EmptyGrant() {
  return <p className="text-sm text-slate-700">To grant a block, the facility needs cycles and there must be a consortium.</p>;
}
