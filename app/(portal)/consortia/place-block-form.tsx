"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { placeBlockSchema, type PlaceBlockInput } from "@/server/consortia/schemas";
import { Field, FormError, Input, Select } from "../../_components/form";
import { Button } from "../../_components/ui";
import { useServerSubmit, useTRPC } from "../../_lib/trpc";

const fields = ["cycleId", "date", "shiftIndex", "shifts"] as const;

/** Facility staff put (part of) a block's cycle on the calendar as consecutive shifts. */
export function PlaceBlockForm({ blockId, cycleId, label, left, firstDate, lastDate, shiftOptions }: {
  blockId: string;
  cycleId: string;
  label: string;
  left: number;
  firstDate: string;
  lastDate: string;
  shiftOptions: { index: number; label: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<PlaceBlockInput, unknown, z.output<typeof placeBlockSchema>>({ resolver: zodResolver(placeBlockSchema), defaultValues: { blockId, cycleId, date: "", shiftIndex: 0, shifts: left } });
  const place = useMutation(trpc.consortia.placeBlock.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, fields, async (values) => {
    setDone(null);
    const result = await place.mutateAsync(values);
    setDone(`Placed as ${result.reference}.`);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-slate-200 p-3" aria-label={`Place ${label} on the calendar`}>
      <h4 className="text-sm font-semibold text-slate-900">Place block time</h4>
      <FormError message={formError} />
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Start date" error={errors.date} required>{({ id, describedBy, invalid }) => <Input id={id} type="date" min={firstDate} max={lastDate} aria-describedby={describedBy} invalid={invalid} {...form.register("date")} />}</Field>
        <Field label="First shift" error={errors.shiftIndex} required>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("shiftIndex", { setValueAs: (v: unknown) => Number(v) })}>
              {shiftOptions.map((s) => <option key={s.index} value={s.index}>{s.label}</option>)}
            </Select>
          )}
        </Field>
        <Field label="Consecutive shifts" help={`${left} still to place in this cycle.`} error={errors.shifts} required>
          {({ id, describedBy, invalid }) => <Input id={id} type="number" min={1} max={left} className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("shifts", { valueAsNumber: true })} />}
        </Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={isSubmitting}>{isSubmitting ? "Placing…" : "Place on the calendar"}</Button>
        <span role="status" className="text-sm text-emerald-800">{done ?? ""}</span>
      </div>
    </form>
  );
}
