"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import clsx from "clsx";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { createDraftSchema, type CreateDraftInput } from "@/server/access-requests/schemas";
import { Field, FormError, Select } from "../../../_components/form";
import { Badge, Button, Card } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

export interface RouteOption {
  facilityId: string;
  facilityName: string;
  routeId: string;
  kind: string;
  label: string;
  name: string;
  description: string;
  dataPolicy: string;
  confidential: boolean;
  decisionTargetDays: number;
  maxShifts: number | null;
  callStatus: string;
  callOpen: boolean;
}

export function NewRequestForm({ organisations, routes }: { organisations: { id: string; name: string; smeQualifies: boolean | null }[]; routes: RouteOption[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const facilities = [...new Map(routes.map((r) => [r.facilityId, r.facilityName])).entries()];
  const form = useForm<CreateDraftInput>({
    resolver: zodResolver(createDraftSchema),
    defaultValues: { organisationId: organisations[0]!.id, facilityId: facilities[0]?.[0] ?? "", routeId: "" },
  });
  const [organisationId, facilityId, routeId] = useWatch({ control: form.control, name: ["organisationId", "facilityId", "routeId"] });
  const organisation = organisations.find((o) => o.id === organisationId);
  const create = useMutation(trpc.accessRequests.create.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const { formError, onSubmit } = useServerSubmit(form, ["organisationId", "facilityId", "routeId"], async (values) => {
    const { id } = await create.mutateAsync(values);
    router.push(`/requests/${id}/edit`);
  });

  const unavailableReason = (r: RouteOption): string | null => {
    if (!r.callOpen) return r.callStatus;
    if (r.kind === "SME_INDUSTRIAL" && organisation?.smeQualifies !== true) {
      return organisation?.smeQualifies === false ? "Your organisation's SME declaration does not qualify." : "Needs your organisation's SME declaration.";
    }
    return null;
  };

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-4xl space-y-6">
      <FormError message={formError} />
      <Card title="1. Who is applying">
        <Field label="Organisation" help="The request, its samples, data and invoices belong to this organisation." error={errors.organisationId} required>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("organisationId")}>
              {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </Select>
          )}
        </Field>
      </Card>
      <Card title="2. Facility">
        <fieldset>
          <legend className="sr-only">Facility</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {facilities.map(([id, name]) => (
              <label key={id} className={clsx("flex cursor-pointer items-center gap-3 rounded-md border p-3 text-sm", facilityId === id ? "border-brand-600 bg-brand-50" : "border-slate-300")}>
                <input type="radio" value={id} {...form.register("facilityId", { onChange: () => form.setValue("routeId", "") })} />
                <span className="font-medium">{name}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </Card>
      <Card title="3. Access route">
        <fieldset aria-describedby={errors.routeId ? "route-error" : undefined}>
          <legend className="mb-3 text-sm text-slate-700">The route sets who sees your data, what you pay and how fast you hear back.</legend>
          <div className="grid gap-3 md:grid-cols-2">
            {routes.filter((r) => r.facilityId === facilityId).map((r) => {
              const reason = unavailableReason(r);
              return (
                <label key={r.routeId} className={clsx("block rounded-md border p-4 text-sm", reason ? "cursor-not-allowed border-slate-200 bg-slate-50 text-slate-600" : "cursor-pointer", routeId === r.routeId ? "border-brand-600 bg-brand-50" : "border-slate-300")}>
                  <span className="flex items-start gap-3">
                    <input type="radio" value={r.routeId} disabled={Boolean(reason)} className="mt-1" {...form.register("routeId")} />
                    <span>
                      <span className="block font-semibold text-slate-900">{r.name}</span>
                      <span className="mt-1 flex flex-wrap gap-1">
                        <Badge tone={r.confidential ? "warning" : "info"}>{r.confidential ? "Confidential" : "Published after embargo"}</Badge>
                        <Badge>Decision within {r.decisionTargetDays} days</Badge>
                        {r.maxShifts ? <Badge>At most {r.maxShifts} shifts</Badge> : null}
                      </span>
                      <span className="mt-2 block">{r.description}</span>
                      <span className="mt-2 block text-xs"><strong>Data policy:</strong> {r.dataPolicy}</span>
                      <span className="mt-1 block text-xs">{r.callStatus}</span>
                      {reason ? <span className="mt-1 block text-xs font-medium text-amber-900">Not available: {reason}</span> : null}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
          {errors.routeId?.message ? <p id="route-error" className="mt-2 text-sm font-medium text-red-700">{errors.routeId.message}</p> : null}
        </fieldset>
      </Card>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Creating the draft…" : "Start the request"}</Button>
    </form>
  );
}
