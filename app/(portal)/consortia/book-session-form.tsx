"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { bookSessionSchema, type BookSessionInput } from "@/server/consortia/schemas";
import { Field, FormError, Input, Select } from "../../_components/form";
import { Button } from "../../_components/ui";
import { useServerSubmit, useTRPC } from "../../_lib/trpc";

export interface PlacementOption {
  id: string;
  label: string;
  /** Local dates (YYYY-MM-DD) of the placement's first and last day. */
  firstDate: string;
  lastDate: string;
  range: string;
}

const fields = ["placementId", "organisationId", "date", "shiftIndex", "shifts", "title"] as const;

/** A member books a session inside its share of the block's placed time. */
export function BookSessionForm({ acronym, cycleName, placements, organisations, shiftOptions, needsApproval }: {
  acronym: string;
  cycleName: string;
  placements: PlacementOption[];
  organisations: { id: string; name: string }[];
  shiftOptions: { index: number; label: string }[];
  needsApproval: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const first = placements[0]!;
  const form = useForm<BookSessionInput, unknown, z.output<typeof bookSessionSchema>>({
    resolver: zodResolver(bookSessionSchema),
    defaultValues: { placementId: first.id, organisationId: organisations[0]?.id ?? "", date: first.firstDate, shiftIndex: 0, shifts: 1, title: "" },
  });
  const book = useMutation(trpc.consortia.bookSession.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const placementId = useWatch({ control: form.control, name: "placementId" });
  const placement = placements.find((p) => p.id === placementId) ?? first;

  const { formError, onSubmit } = useServerSubmit(form, fields, async (values) => {
    setDone(null);
    const result = await book.mutateAsync(values);
    form.reset({ ...values, title: "" });
    setDone(result.state === "PENDING_APPROVAL" ? `Sent to the lead for approval: ${result.shifts}, ${result.range}.` : `Booked: ${result.shifts}, ${result.range}.`);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-md border border-slate-200 p-4" aria-label={`Book a session in ${acronym}'s block, ${cycleName}`}>
      <h4 className="text-sm font-semibold text-slate-900">Book a session</h4>
      <FormError message={formError} />
      <div className="grid gap-4">
        <Field label="Block time" help="When the facility has put the block on the calendar." error={errors.placementId} required>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("placementId")}>
              {placements.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
            </Select>
          )}
        </Field>
        {organisations.length > 1 ? (
          <Field label="Book for" error={errors.organisationId} required>
            {({ id, describedBy, invalid }) => (
              <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("organisationId")}>
                {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </Select>
            )}
          </Field>
        ) : (
          <p className="text-sm text-slate-700">Booking for <span className="font-medium text-slate-900">{organisations[0]?.name}</span></p>
        )}
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Date" help={`Inside the block time: ${placement.range}.`} error={errors.date} required>
          {({ id, describedBy, invalid }) => <Input id={id} type="date" min={placement.firstDate} max={placement.lastDate} aria-describedby={describedBy} invalid={invalid} {...form.register("date")} />}
        </Field>
        <Field label="First shift" error={errors.shiftIndex} required>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("shiftIndex", { setValueAs: (v: unknown) => Number(v) })}>
              {shiftOptions.map((s) => <option key={s.index} value={s.index}>{s.label}</option>)}
            </Select>
          )}
        </Field>
        <Field label="Shifts" help="Consecutive shifts from the first one." error={errors.shifts} required>
          {({ id, describedBy, invalid }) => <Input id={id} type="number" min={1} step={1} className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("shifts", { valueAsNumber: true })} />}
        </Field>
      </div>
      <Field label="What you will measure" help="Seen by your organisation, the consortium lead and the facility's staff; other members see only that the time is taken." error={errors.title} required>
        {({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("title")} />}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Booking…" : "Book session"}</Button>
        {needsApproval ? <span className="text-sm text-slate-700">The lead approves sessions before they are booked.</span> : null}
        <span role="status" className="text-sm text-emerald-800">{done ?? ""}</span>
      </div>
    </form>
  );
}
