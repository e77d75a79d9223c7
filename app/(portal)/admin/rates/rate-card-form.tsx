"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { addOnRateSchema, facilityBillingSchema, rateCardSchema, type AddOnRateInput, type FacilityBillingInput, type RateCardInput } from "@/server/billing/schemas";
import { Field, FormError, Input, Select, Textarea } from "../../../_components/form";
import { Button } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

/** Prices are typed in pounds or euros and stored in minor units. */
const toMinor = { setValueAs: (v: string) => (v?.trim() ? Math.round(Number(v.replace(/,/g, "")) * 100) : null) };
const toCount = { setValueAs: (v: string) => (v?.trim() ? Number(v) : null) };
const fields = ["endstationId", "currency", "unit", "priceMinor", "slidingFromUnit", "slidingPriceMinor", "validFrom"] as const;

export function RateCardForm({ facilityName, endstations, defaultCurrency }: { facilityName: string; endstations: { id: string; name: string }[]; defaultCurrency: "GBP" | "EUR" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useForm<RateCardInput, unknown, z.output<typeof rateCardSchema>>({ resolver: zodResolver(rateCardSchema), defaultValues: { endstationId: endstations[0]?.id ?? "", currency: defaultCurrency, unit: "SHIFT", slidingFromUnit: null, slidingPriceMinor: null, validFrom: "" } });
  const save = useMutation(trpc.billing.saveRateCard.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, fields, async (values) => {
    await save.mutateAsync(values);
    setSaved(true);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`New rate card at ${facilityName}`} onChange={() => setSaved(false)}>
      <FormError message={formError} />
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Endstation" error={errors.endstationId} required>{({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("endstationId")}>{endstations.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}</Select>}</Field>
        <Field label="Currency" error={errors.currency} required>{({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("currency")}><option value="GBP">GBP</option><option value="EUR">EUR</option></Select>}</Field>
        <Field label="Charged per" error={errors.unit} required>{({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("unit")}><option value="SHIFT">Shift</option><option value="HOUR">Hour</option></Select>}</Field>
        <Field label="Valid from" error={errors.validFrom} required>{({ id, describedBy, invalid }) => <Input id={id} type="date" aria-describedby={describedBy} invalid={invalid} {...form.register("validFrom")} />}</Field>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Full-cost price per unit" help="E.g. 3200.00" error={errors.priceMinor} required>{({ id, describedBy, invalid }) => <Input id={id} inputMode="decimal" aria-describedby={describedBy} invalid={invalid} {...form.register("priceMinor", toMinor)} />}</Field>
        <Field label="Sliding scale from unit" help="Optional, e.g. 11 for the 11th shift on" error={errors.slidingFromUnit}>{({ id, describedBy, invalid }) => <Input id={id} type="number" aria-describedby={describedBy} invalid={invalid} {...form.register("slidingFromUnit", toCount)} />}</Field>
        <Field label="Sliding price per unit" error={errors.slidingPriceMinor}>{({ id, describedBy, invalid }) => <Input id={id} inputMode="decimal" aria-describedby={describedBy} invalid={invalid} {...form.register("slidingPriceMinor", toMinor)} />}</Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Saving…" : "Save the rate card"}</Button>
        <span role="status" className="text-sm text-emerald-800">{saved ? "Saved. Quotes made from that date use it; earlier quotes keep their rates." : ""}</span>
      </div>
    </form>
  );
}

const addOnKindLabels = { SAMPLE_PREPARATION: "Sample preparation", MAIL_IN: "Mail-in service", DATA_PROCESSING: "Data processing (compute hours)", SHIPPING: "Shipping" } as const;

export function AddOnRateForm({ facilityId, facilityName, defaultCurrency }: { facilityId: string; facilityName: string; defaultCurrency: "GBP" | "EUR" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useForm<AddOnRateInput, unknown, z.output<typeof addOnRateSchema>>({ resolver: zodResolver(addOnRateSchema), defaultValues: { facilityId, kind: "SAMPLE_PREPARATION", label: "", unitLabel: "", currency: defaultCurrency, validFrom: "" } });
  const save = useMutation(trpc.billing.saveAddOnRate.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["kind", "label", "unitLabel", "priceMinor", "currency", "validFrom"], async (values) => {
    await save.mutateAsync(values);
    setSaved(true);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`New add-on price at ${facilityName}`} onChange={() => setSaved(false)}>
      <FormError message={formError} />
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Add-on" error={errors.kind} required>{({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("kind")}>{Object.entries(addOnKindLabels).map(([k, l]) => <option key={k} value={k}>{l}</option>)}</Select>}</Field>
        <Field label="Name on invoices" error={errors.label} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("label")} />}</Field>
        <Field label="Unit" help="sample, compute hour, parcel" error={errors.unitLabel} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("unitLabel")} />}</Field>
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Price per unit" help="E.g. 45.00" error={errors.priceMinor} required>{({ id, describedBy, invalid }) => <Input id={id} inputMode="decimal" aria-describedby={describedBy} invalid={invalid} {...form.register("priceMinor", toMinor)} />}</Field>
        <Field label="Currency" error={errors.currency} required>{({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("currency")}><option value="GBP">GBP</option><option value="EUR">EUR</option></Select>}</Field>
        <Field label="Valid from" error={errors.validFrom} required>{({ id, describedBy, invalid }) => <Input id={id} type="date" aria-describedby={describedBy} invalid={invalid} {...form.register("validFrom")} />}</Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={isSubmitting}>{isSubmitting ? "Saving…" : "Save the add-on price"}</Button>
        <span role="status" className="text-sm text-emerald-800">{saved ? "Saved." : ""}</span>
      </div>
    </form>
  );
}

/** VAT and the bank details printed on invoices when Stripe is not in use. */
export function FacilityBillingForm({ facilityId, facilityName, vatPercent, paymentInstructions }: { facilityId: string; facilityName: string; vatPercent: number; paymentInstructions: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useForm<FacilityBillingInput, unknown, z.output<typeof facilityBillingSchema>>({ resolver: zodResolver(facilityBillingSchema), defaultValues: { facilityId, vatPercent, paymentInstructions } });
  const save = useMutation(trpc.billing.saveFacilityBilling.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["vatPercent", "paymentInstructions"], async (values) => {
    await save.mutateAsync(values);
    setSaved(true);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`VAT and bank details of ${facilityName}`} onChange={() => setSaved(false)}>
      <FormError message={formError} />
      <div className="grid gap-4 md:grid-cols-[1fr_3fr]">
        <Field label="VAT (%)" help="Applies to quotes made from now; 0 where none is charged." error={errors.vatPercent} required>{({ id, describedBy, invalid }) => <Input id={id} type="number" step="0.01" aria-describedby={describedBy} invalid={invalid} {...form.register("vatPercent", { setValueAs: (v: string) => (v === "" ? undefined : Number(v)) })} />}</Field>
        <Field label="Bank-transfer details on invoices" error={errors.paymentInstructions} required>{({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("paymentInstructions")} />}</Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={isSubmitting}>{isSubmitting ? "Saving…" : "Save VAT and bank details"}</Button>
        <span role="status" className="text-sm text-emerald-800">{saved ? "Saved." : ""}</span>
      </div>
    </form>
  );
}
