"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { setSharesSchema, type SetSharesInput } from "@/server/consortia/schemas";
import { Field, FormError, Input } from "../../_components/form";
import { Button } from "../../_components/ui";
import { formatShifts } from "../../_lib/format";
import { useServerSubmit, useTRPC } from "../../_lib/trpc";

export interface ShareRow {
  organisationId: string;
  name: string;
  share: number;
  booked: number;
}

/** The lead's editor: shifts per member organisation for one cycle of a block. */
export function SharesForm({ blockId, cycleId, cycleName, acronym, shiftsPerCycle, shiftHours, members }: {
  blockId: string;
  cycleId: string;
  cycleName: string;
  acronym: string;
  shiftsPerCycle: number;
  shiftHours: number;
  members: ShareRow[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const defaults = { blockId, cycleId, shares: members.map((m) => ({ organisationId: m.organisationId, shifts: m.share })) };
  const form = useForm<SetSharesInput, unknown, z.output<typeof setSharesSchema>>({ resolver: zodResolver(setSharesSchema), defaultValues: defaults });
  const setShares = useMutation(trpc.consortia.setShares.mutationOptions());
  const watched = useWatch({ control: form.control, name: "shares" });
  const total = (watched ?? []).reduce((n, s) => n + (Number.isFinite(s?.shifts) ? Number(s.shifts) : 0), 0);
  const { errors, isSubmitting } = form.formState;
  const fields = ["shares", ...members.map((_, i) => `shares.${i}.shifts`)];

  const { formError, onSubmit } = useServerSubmit(form, fields, async (values) => {
    setSaved(false);
    await setShares.mutateAsync(values);
    form.reset(values);
    setSaved(true);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={`Shares of ${acronym}'s block in ${cycleName}`} onChange={() => setSaved(false)}>
      <FormError message={formError ?? errors.shares?.message ?? errors.shares?.root?.message} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {members.map((m, i) => (
          <Field key={m.organisationId} label={`Shifts for ${m.name} in ${cycleName}`} help={m.booked > 0 ? `Booked so far: ${formatShifts(m.booked, shiftHours)}; the share cannot go below it.` : "Nothing booked yet."} error={errors.shares?.[i]?.shifts}>
            {({ id, describedBy, invalid }) => <Input id={id} type="number" min={m.booked} max={shiftsPerCycle} step={1} className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register(`shares.${i}.shifts`, { valueAsNumber: true })} />}
          </Field>
        ))}
      </div>
      <p className={total > shiftsPerCycle ? "text-sm font-medium text-red-700" : "text-sm text-slate-700"}>
        Shared out: {formatShifts(total, shiftHours)} of {formatShifts(shiftsPerCycle, shiftHours)}
        {total < shiftsPerCycle ? ` · ${formatShifts(shiftsPerCycle - total, shiftHours)} not given to anyone yet` : ""}
        {total > shiftsPerCycle ? ` · ${formatShifts(total - shiftsPerCycle, shiftHours)} too many` : ""}
      </p>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Saving…" : "Save shares"}</Button>
        <span role="status" className="text-sm text-emerald-800">{saved ? "Saved" : ""}</span>
      </div>
    </form>
  );
}
