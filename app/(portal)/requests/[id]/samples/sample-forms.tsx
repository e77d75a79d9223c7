"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { materialClassLabels, materialClasses } from "@/server/access-requests/schemas";
import { afterwardsOptions, createShipmentSchema, hazardClasses, hazardLabels, registerSampleSchema, releaseSamplesSchema, sampleSafetySchema, type CreateShipmentInput, type RegisterSampleInput, type ReleaseSamplesInput } from "@/server/samples/schemas";
import { emptyAsNull, Field, FormError, Input, Select, Textarea } from "../../../../_components/form";
import { Button } from "../../../../_components/ui";
import { applyServerErrors, useServerSubmit, useTRPC } from "../../../../_lib/trpc";

const afterwardsLabels = { RETURN: "Return it to us", DISPOSE: "Dispose of it", KEEP_FOR_FOLLOW_UP: "Keep it for a follow-up experiment" } as const;
const orNull = { setValueAs: (v: string) => (v?.trim() ? v.trim() : null) };
const registerFields = ["name", "materialClass", "originSite", "originLocation", "originDepthM", "collectedOn", "parentId", "massGrams", "volumeMl", "dimensions", "igsn", "hazards", "activityBq", "storageConditions", "afterwards", "sds"] as const;

export function RegisterSampleForm({ requestId, parents }: { requestId: string; parents: { id: string; label: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const defaults: RegisterSampleInput = { requestId, name: "", materialClass: "ORE", description: "", originSite: "", originLocation: "", originDepthM: null, collectedOn: null, parentId: null, massGrams: null, volumeMl: null, dimensions: "", igsn: null, hazards: [], activityBq: null, storageConditions: "", afterwards: "RETURN", sds: null };
  const form = useForm<RegisterSampleInput, unknown, z.output<typeof registerSampleSchema>>({ resolver: zodResolver(registerSampleSchema), defaultValues: defaults });
  const register = useMutation(trpc.samples.register.mutationOptions());
  const hazards = useWatch({ control: form.control, name: "hazards" }) ?? [];
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, registerFields, async (values) => {
    const created = await register.mutateAsync(values);
    setSaved(`Registered ${created.code}${created.safety === "PENDING" ? ": it waits for the facility's safety approval before it can ship." : "."}`);
    form.reset(defaults);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Register a sample" onChange={() => setSaved(null)}>
      <FormError message={formError} />
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Sample name" error={errors.name} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("name")} />}</Field>
        <Field label="Material" error={errors.materialClass} required>{({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("materialClass")}>{materialClasses.map((m) => <option key={m} value={m}>{materialClassLabels[m]}</option>)}</Select>}</Field>
        <Field label="Sub-sample of" error={errors.parentId}>{({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("parentId", orNull)}><option value="">Not a sub-sample</option>{parents.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}</Select>}</Field>
      </div>
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Origin: deposit, site or plant" error={errors.originSite} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("originSite")} />}</Field>
        <Field label="Location (hole, grid reference)" error={errors.originLocation}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("originLocation")} />}</Field>
        <Field label="Depth (m)" error={errors.originDepthM}>{({ id, describedBy, invalid }) => <Input id={id} type="number" step="any" aria-describedby={describedBy} invalid={invalid} {...form.register("originDepthM", emptyAsNull)} />}</Field>
        <Field label="Collected on" error={errors.collectedOn}>{({ id, describedBy, invalid }) => <Input id={id} type="date" aria-describedby={describedBy} invalid={invalid} {...form.register("collectedOn", orNull)} />}</Field>
      </div>
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Mass (g)" help="Give the mass or the volume." error={errors.massGrams}>{({ id, describedBy, invalid }) => <Input id={id} type="number" step="any" aria-describedby={describedBy} invalid={invalid} {...form.register("massGrams", emptyAsNull)} />}</Field>
        <Field label="Volume (ml)" error={errors.volumeMl}>{({ id, describedBy, invalid }) => <Input id={id} type="number" step="any" aria-describedby={describedBy} invalid={invalid} {...form.register("volumeMl", emptyAsNull)} />}</Field>
        <Field label="Dimensions" error={errors.dimensions}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("dimensions")} />}</Field>
        <Field label="IGSN, if it has one" error={errors.igsn}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("igsn", orNull)} />}</Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Hazards</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {hazardClasses.map((h) => <label key={h} className="flex items-center gap-2"><input type="checkbox" value={h} {...form.register("hazards")} />{hazardLabels[h]}</label>)}
        </div>
        {errors.hazards?.message ? <p className="text-sm font-medium text-red-700">{errors.hazards.message}</p> : null}
        <p className="text-xs text-slate-600">Any hazard sends the sample to the facility&apos;s safety review; it cannot ship until approved.</p>
      </fieldset>
      {hazards.length > 0 ? (
        <Field label="Safety data sheet (PDF, up to 5 MB)" help="Staff read it during the safety review." error={errors.sds as { message?: string } | undefined}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="file"
              accept="application/pdf"
              aria-describedby={describedBy}
              invalid={invalid}
              onChange={async (event) => {
                const file = event.target.files?.[0];
                if (!file) return form.setValue("sds", null);
                const bytes = new Uint8Array(await file.arrayBuffer());
                let binary = "";
                for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
                form.setValue("sds", { fileName: file.name, base64: btoa(binary) });
              }}
            />
          )}
        </Field>
      ) : null}
      {hazards.includes("RADIOACTIVE") || errors.activityBq ? (
        <Field label="Activity (Bq)" help="Total activity, including naturally occurring radioactive material." error={errors.activityBq} required>{({ id, describedBy, invalid }) => <Input id={id} type="number" step="any" className="max-w-xs" aria-describedby={describedBy} invalid={invalid} {...form.register("activityBq", emptyAsNull)} />}</Field>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Storage conditions" error={errors.storageConditions}>{({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("storageConditions")} />}</Field>
        <Field label="Afterwards" error={errors.afterwards} required>{({ id, describedBy, invalid }) => <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("afterwards")}>{afterwardsOptions.map((a) => <option key={a} value={a}>{afterwardsLabels[a]}</option>)}</Select>}</Field>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Registering…" : "Register the sample"}</Button>
        <span role="status" className="text-sm text-emerald-800">{saved ?? ""}</span>
      </div>
    </form>
  );
}

export function SampleSafetyForm({ sampleId, code }: { sampleId: string; code: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof sampleSafetySchema>>({ resolver: zodResolver(sampleSafetySchema), defaultValues: { sampleId, approve: true, riskLevel: "LOW", conditions: "" } });
  const decide = useMutation(trpc.samples.decideSafety.mutationOptions());
  const submit = (approve: boolean) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      try {
        await decide.mutateAsync({ ...values, approve });
        router.refresh();
      } catch (error) {
        setFormError(applyServerErrors(error, form.setError, ["riskLevel", "conditions"]));
      }
    });
  return (
    <form noValidate className="space-y-2" aria-label={`Safety review of ${code}`} onSubmit={(e) => e.preventDefault()}>
      <FormError message={formError} />
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Risk" error={form.formState.errors.riskLevel}>{({ id }) => <Select id={id} {...form.register("riskLevel")}><option value="LOW">Low</option><option value="ELEVATED">Elevated</option><option value="HIGH">High</option></Select>}</Field>
        <div className="min-w-64 flex-1"><Field label="Conditions" error={form.formState.errors.conditions}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("conditions")} />}</Field></div>
        <Button type="button" onClick={submit(true)}>Approve</Button>
        <Button type="button" variant="danger" onClick={submit(false)}>Refuse</Button>
      </div>
    </form>
  );
}

export function ShipmentForm({ requestId, samples, currency }: { requestId: string; samples: { id: string; label: string; radioactive: boolean }[]; currency: "GBP" | "EUR" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<CreateShipmentInput, unknown, z.output<typeof createShipmentSchema>>({
    resolver: zodResolver(createShipmentSchema),
    defaultValues: { requestId, courier: "", trackingNumber: "", declaredValueMinor: 0, currency, dangerousGoods: samples.some((s) => s.radioactive), unNumber: null, expectedArrival: "", containers: [{ label: "Box 1", sampleIds: [] }] },
  });
  const containers = useFieldArray({ control: form.control, name: "containers" });
  const dangerous = useWatch({ control: form.control, name: "dangerousGoods" });
  const create = useMutation(trpc.samples.createShipment.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["courier", "trackingNumber", "declaredValueMinor", "dangerousGoods", "unNumber", "expectedArrival", "containers"], async (values) => {
    await create.mutateAsync(values);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Plan a shipment">
      <FormError message={formError} />
      <div className="grid gap-4 md:grid-cols-4">
        <Field label="Courier" error={errors.courier} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("courier")} />}</Field>
        <Field label="Tracking number" error={errors.trackingNumber} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("trackingNumber")} />}</Field>
        <Field label={`Declared value (${currency})`} error={errors.declaredValueMinor} required>{({ id, describedBy, invalid }) => <Input id={id} inputMode="decimal" aria-describedby={describedBy} invalid={invalid} {...form.register("declaredValueMinor", { setValueAs: (v: string) => (v === "" ? 0 : Math.round(Number(v) * 100)) })} />}</Field>
        <Field label="Expected arrival" error={errors.expectedArrival} required>{({ id, describedBy, invalid }) => <Input id={id} type="date" aria-describedby={describedBy} invalid={invalid} {...form.register("expectedArrival")} />}</Field>
      </div>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" {...form.register("dangerousGoods")} />Dangerous goods</label>
        {dangerous ? <Field label="UN number" help="E.g. UN2910 for radioactive material in excepted packages." error={errors.unNumber} required>{({ id, describedBy, invalid }) => <Input id={id} className="w-36" aria-describedby={describedBy} invalid={invalid} {...form.register("unNumber", orNull)} />}</Field> : null}
      </div>
      {errors.dangerousGoods?.message ? <p className="text-sm font-medium text-red-700">{errors.dangerousGoods.message}</p> : null}
      {containers.fields.map((field, index) => (
        <fieldset key={field.id} className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">Container {index + 1}</legend>
          <Field label={`Label of container ${index + 1}`} error={errors.containers?.[index]?.label}>{({ id, describedBy, invalid }) => <Input id={id} className="max-w-xs" aria-describedby={describedBy} invalid={invalid} {...form.register(`containers.${index}.label`)} />}</Field>
          <div className="flex flex-wrap gap-4 text-sm">
            {samples.map((s) => <label key={s.id} className="flex items-center gap-2"><input type="checkbox" value={s.id} {...form.register(`containers.${index}.sampleIds`)} />{s.label}</label>)}
          </div>
          {errors.containers?.[index]?.sampleIds?.message ? <p className="text-sm font-medium text-red-700">{errors.containers[index]!.sampleIds!.message}</p> : null}
        </fieldset>
      ))}
      {errors.containers?.message ? <p className="text-sm font-medium text-red-700">{errors.containers.message}</p> : null}
      <div className="flex gap-3">
        <Button type="button" variant="secondary" onClick={() => containers.append({ label: `Box ${containers.fields.length + 1}`, sampleIds: [] })}>Add a container</Button>
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Saving…" : "Plan the shipment"}</Button>
      </div>
    </form>
  );
}

export function DispatchButton({ shipmentId, reference }: { shipmentId: string; reference: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const dispatch = useMutation(trpc.samples.dispatch.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-2">
      <Button type="button" disabled={dispatch.isPending} onClick={() => dispatch.mutate({ shipmentId })}>{dispatch.isPending ? "Dispatching…" : `Dispatch ${reference}`}</Button>
      {dispatch.error ? <p role="alert" className="text-sm text-red-700">{dispatch.error.message}</p> : null}
    </div>
  );
}

export function CloseReceiptButton({ shipmentId }: { shipmentId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const close = useMutation(trpc.samples.closeReceipt.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-1">
      <Button type="button" variant="secondary" disabled={close.isPending} onClick={() => close.mutate({ shipmentId })}>Close the receipt and flag what is missing</Button>
      {close.error ? <p role="alert" className="text-sm text-red-700">{close.error.message}</p> : null}
    </div>
  );
}

/** Staff send stored samples back (or dispose of them) as each was registered. */
export function ReleaseSamplesForm({ requestId, samples }: { requestId: string; samples: { id: string; label: string; afterwards: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<ReleaseSamplesInput, unknown, z.output<typeof releaseSamplesSchema>>({ resolver: zodResolver(releaseSamplesSchema), defaultValues: { requestId, sampleIds: [], action: "RETURN", courier: null, trackingNumber: null, note: "" } });
  const action = useWatch({ control: form.control, name: "action" });
  const release = useMutation(trpc.samples.release.mutationOptions());
  const { errors, isSubmitting } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, ["sampleIds", "courier", "trackingNumber", "note"], async (values) => {
    await release.mutateAsync(values);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Return or dispose of samples">
      <FormError message={formError} />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium text-slate-800">Action</legend>
        <label className="mr-4 inline-flex items-center gap-2"><input type="radio" value="RETURN" {...form.register("action")} />Return to the applicant</label>
        <label className="inline-flex items-center gap-2"><input type="radio" value="DISPOSE" {...form.register("action")} />Dispose of</label>
      </fieldset>
      <div className="flex flex-wrap gap-4 text-sm">
        {samples.map((s) => <label key={s.id} className="flex items-center gap-2"><input type="checkbox" value={s.id} {...form.register("sampleIds")} />{s.label} <span className="text-slate-600">({afterwardsLabels[s.afterwards as keyof typeof afterwardsLabels]})</span></label>)}
      </div>
      {errors.sampleIds?.message ? <p className="text-sm font-medium text-red-700">{errors.sampleIds.message}</p> : null}
      {action === "RETURN" ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Return courier" error={errors.courier}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("courier", orNull)} />}</Field>
          <Field label="Return tracking number" error={errors.trackingNumber}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("trackingNumber", orNull)} />}</Field>
        </div>
      ) : null}
      <Field label="Note" error={errors.note}>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("note")} />}</Field>
      <Button type="submit" variant="secondary" disabled={isSubmitting}>{action === "RETURN" ? "Dispatch the return" : "Record the disposal"}</Button>
    </form>
  );
}
