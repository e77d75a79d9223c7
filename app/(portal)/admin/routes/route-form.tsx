"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { updateRouteSchema, type UpdateRouteInput } from "@/server/access-routes/schemas";
import { emptyAsNull, Field, FormError, Input, Textarea } from "../../../_components/form";
import { Button } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

const fields = ["name", "description", "dataPolicy", "decisionTargetDays", "needsCall", "maxShifts", "embargoMonths", "active"] as const;

export function RouteForm({ route }: { route: UpdateRouteInput & { kind: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { kind: _kind, ...defaults } = route;
  const form = useForm<UpdateRouteInput, unknown, z.output<typeof updateRouteSchema>>({ resolver: zodResolver(updateRouteSchema), defaultValues: defaults });
  const update = useMutation(trpc.accessRoutes.update.mutationOptions());
  const { errors, isSubmitting, isDirty } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, fields, async (values) => {
    setSaved(false);
    await update.mutateAsync(values);
    form.reset(values);
    setSaved(true);
    router.refresh();
  });
  const label = route.name;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Settings of ${label}`} onChange={() => setSaved(false)}>
      <FormError message={formError} />
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Name" error={errors.name} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("name")} />}</Field>
        <Field label="Decision target (days)" help="Applicants see a clock against it." error={errors.decisionTargetDays} required>
          {({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("decisionTargetDays", { valueAsNumber: true })} />}
        </Field>
      </div>
      <Field label="Description" error={errors.description} required>{({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("description")} />}</Field>
      <Field label="Data policy" help="Shown to applicants, who accept it on submission." error={errors.dataPolicy} required>{({ id, describedBy, invalid }) => <Textarea id={id} rows={3} aria-describedby={describedBy} invalid={invalid} {...form.register("dataPolicy")} />}</Field>
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Most shifts per request" help="Leave empty for no cap (60 at most)." error={errors.maxShifts}>
          {({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("maxShifts", emptyAsNull)} />}
        </Field>
        <Field label="Embargo before publication (months)" help="Empty for confidential routes." error={errors.embargoMonths}>
          {({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("embargoMonths", emptyAsNull)} />}
        </Field>
      </div>
      <div className="flex flex-wrap gap-6 text-sm">
        <label className="flex items-center gap-2"><input type="checkbox" {...form.register("needsCall")} />Takes requests only through calls</label>
        <label className="flex items-center gap-2"><input type="checkbox" {...form.register("active")} />Taking requests</label>
      </div>
      {errors.needsCall?.message ? <p className="text-sm font-medium text-red-700">{errors.needsCall.message}</p> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={isSubmitting || !isDirty}>{isSubmitting ? "Saving…" : "Save route"}</Button>
        <span role="status" className="text-sm text-emerald-800">{saved ? "Saved" : ""}</span>
      </div>
    </form>
  );
}
