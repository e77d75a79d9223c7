"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import type { ShipmentStatus } from "@/server/generated/prisma/enums";
import { receiveSchema, type ReceiveInput } from "@/server/samples/schemas";
import { shipmentStateText } from "@/server/samples/shipment-state";
import { Field, FormError, Input, Select } from "../../_components/form";
import { Button } from "../../_components/ui";
import { applyServerErrors, useTRPC } from "../../_lib/trpc";

type Received = { code: string; label: string; samples: string[]; condition: string; location: string; shipment: string | null; shipmentStatus: ShipmentStatus | null; shipmentComplete: boolean; flagged: boolean };

/** A scanner types the code and presses Enter: the code field keeps the focus, condition and location carry over between scans. */
export function ReceiveForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [log, setLog] = useState<Received[]>([]);
  const form = useForm<ReceiveInput, unknown, z.output<typeof receiveSchema>>({ resolver: zodResolver(receiveSchema), defaultValues: { code: "", condition: "INTACT", location: "", note: "" } });
  const receive = useMutation(trpc.samples.receive.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await receive.mutateAsync(values);
      setLog((l) => [result, ...l]);
      form.reset({ ...values, code: "", note: "" });
      form.setFocus("code");
      router.refresh();
    } catch (error) {
      setFormError(applyServerErrors(error, form.setError, ["code", "condition", "location", "note"]));
      form.setFocus("code");
    }
  });
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Receive by code">
        <FormError message={formError} />
        <div className="grid gap-4 md:grid-cols-[2fr_1fr_2fr]">
          <Field label="Code on the label" help="Scan the QR code, or type the code printed under it." error={errors.code} required>
            {({ id, describedBy, invalid }) => <Input id={id} autoFocus autoComplete="off" className="font-mono uppercase" aria-describedby={describedBy} invalid={invalid} {...form.register("code")} />}
          </Field>
          <Field label="Condition" error={errors.condition} required>
            {({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("condition")}><option value="INTACT">Intact</option><option value="DAMAGED">Damaged</option><option value="LEAKING">Leaking</option></Select>}
          </Field>
          <Field label="Stored at" error={errors.location} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("location")} />}</Field>
        </div>
        <Field label="Note (damage, leaks, missing items)" error={errors.note}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("note")} />}</Field>
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Recording…" : "Record receipt"}</Button>
      </form>
      {log.length > 0 ? (
        <ul aria-label="Received in this session" className="space-y-2">
          {log.map((r) => (
            <li key={r.code} className={`rounded-md border px-3 py-2 text-sm ${r.flagged ? "border-amber-300 bg-amber-50" : "border-emerald-200 bg-emerald-50"}`}><p role="status">
              <span className="font-medium">{r.code}</span> ({r.label}) received {r.condition.toLowerCase()}, stored at {r.location}: {r.samples.length} sample{r.samples.length === 1 ? "" : "s"} ({r.samples.join(", ")}).
              {r.flagged ? " Flagged to the applicant." : ""}
              {r.shipment && r.shipmentStatus
                ? r.shipmentComplete
                  ? ` ${r.shipment} is complete and ${shipmentStateText[r.shipmentStatus].toLowerCase()}; the applicant has been told.`
                  : ` ${r.shipment}: ${shipmentStateText[r.shipmentStatus].toLowerCase()}.`
                : ""}
            </p></li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
