"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { decisionSchema, feasibilityReviewSchema, hazardKinds, hazardLabels, safetyReviewSchema } from "@/server/access-requests/schemas";
import { emptyAsNull, Field, FormError, Input, Select, Textarea } from "../../../_components/form";
import { Button } from "../../../_components/ui";
import { applyServerErrors, useServerSubmit, useTRPC } from "../../../_lib/trpc";


export function FeasibilityForm({ requestId, shiftsRequested }: { requestId: string; shiftsRequested: number | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof feasibilityReviewSchema>, unknown, z.output<typeof feasibilityReviewSchema>>({
    resolver: zodResolver(feasibilityReviewSchema),
    defaultValues: { requestId, outcome: "FEASIBLE", comments: "", shifts: shiftsRequested, sampleEnvironment: "" },
  });
  const record = useMutation(trpc.accessRequests.recordFeasibility.mutationOptions());
  const outcome = useWatch({ control: form.control, name: "outcome" });
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["outcome", "comments", "shifts", "sampleEnvironment"], async (values) => {
    await record.mutateAsync(values);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Feasibility review">
      <h3 className="font-semibold text-slate-900">Feasibility review</h3>
      <FormError message={formError} />
      <Field label="Outcome" error={errors.outcome} required>
        {({ id, describedBy }) => (
          <Select id={id} aria-describedby={describedBy} {...form.register("outcome")}>
            <option value="FEASIBLE">Feasible: send to safety review</option>
            <option value="CHANGES_NEEDED">Changes needed: send back to the applicant</option>
            <option value="NOT_FEASIBLE">Not feasible: reject</option>
          </Select>
        )}
      </Field>
      {outcome === "FEASIBLE" ? (
        <Field label="Shifts needed" error={errors.shifts} required>
          {({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("shifts", emptyAsNull)} />}
        </Field>
      ) : null}
      <Field label="Sample environment" help="Stage, cell or furnace needed, if any." error={errors.sampleEnvironment}>
        {({ id, describedBy }) => <Input id={id} aria-describedby={describedBy} {...form.register("sampleEnvironment")} />}
      </Field>
      <Field label="Comments for the applicant" error={errors.comments} required>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={4} aria-describedby={describedBy} invalid={invalid} {...form.register("comments")} />}
      </Field>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Saving…" : "Record feasibility"}</Button>
    </form>
  );
}

export function SafetyForm({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof safetyReviewSchema>, unknown, z.output<typeof safetyReviewSchema>>({
    resolver: zodResolver(safetyReviewSchema),
    defaultValues: { requestId, hazards: [], riskLevel: "LOW", conditions: "", cleared: true, comments: "" },
  });
  const record = useMutation(trpc.accessRequests.recordSafety.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["hazards", "riskLevel", "conditions", "cleared", "comments"], async (values) => {
    await record.mutateAsync(values);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Safety review">
      <h3 className="font-semibold text-slate-900">Safety review</h3>
      <FormError message={formError} />
      <fieldset aria-describedby={errors.hazards ? "hazards-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Hazards found<span className="text-red-700" aria-hidden="true">*</span></legend>
        <div className="mt-1 grid gap-1">
          {hazardKinds.map((h) => (
            <label key={h} className="flex items-center gap-2"><input type="checkbox" value={h} {...form.register("hazards")} />{hazardLabels[h]}</label>
          ))}
        </div>
        {errors.hazards?.message ? <p id="hazards-error" className="text-sm font-medium text-red-700">{errors.hazards.message}</p> : null}
      </fieldset>
      <Field label="Risk level" error={errors.riskLevel} required>
        {({ id, describedBy }) => (
          <Select id={id} aria-describedby={describedBy} {...form.register("riskLevel")}>
            <option value="LOW">Low</option>
            <option value="ELEVATED">Elevated</option>
            <option value="HIGH">High</option>
          </Select>
        )}
      </Field>
      <Field label="Conditions" help="Required for elevated or high risk: handling, containment, activity limits." error={errors.conditions}>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={3} aria-describedby={describedBy} invalid={invalid} {...form.register("conditions")} />}
      </Field>
      <Field label="Outcome" required>
        {({ id }) => (
          <Select id={id} {...form.register("cleared", { setValueAs: (v) => v === true || v === "true" })}>
            <option value="true">Cleared (with these conditions)</option>
            <option value="false">Not cleared: reject</option>
          </Select>
        )}
      </Field>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Saving…" : "Record safety review"}</Button>
    </form>
  );
}

export function DecisionForm({ requestId, shiftsRequested }: { requestId: string; shiftsRequested: number | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof decisionSchema>, unknown, z.output<typeof decisionSchema>>({
    resolver: zodResolver(decisionSchema),
    defaultValues: { requestId, approve: true, shifts: shiftsRequested, note: "" },
  });
  const decide = useMutation(trpc.accessRequests.decide.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const send = (approve: boolean) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      try {
        await decide.mutateAsync({ ...values, approve, shifts: approve ? values.shifts : null });
        router.refresh();
      } catch (error) {
        setFormError(applyServerErrors(error, form.setError, ["shifts", "note"]));
      }
    });
  return (
    <form noValidate className="space-y-3" aria-label="Industrial decision" onSubmit={(e) => e.preventDefault()}>
      <h3 className="font-semibold text-slate-900">Decision (industrial office)</h3>
      <FormError message={formError} />
      <Field label="Shifts granted" error={errors.shifts}>
        {({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("shifts", emptyAsNull)} />}
      </Field>
      <Field label="Note to the applicant" error={errors.note} required>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={3} aria-describedby={describedBy} invalid={invalid} {...form.register("note")} />}
      </Field>
      <div className="flex gap-2">
        <Button type="button" disabled={isSubmitting} onClick={send(true)}>Approve</Button>
        <Button type="button" variant="danger" disabled={isSubmitting} onClick={send(false)}>Reject</Button>
      </div>
    </form>
  );
}
