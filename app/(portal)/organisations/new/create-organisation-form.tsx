"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { createOrganisationSchema, type CreateOrganisationInput } from "@/server/organisations/schemas";
import { Field, FormError, Input, Select, Textarea } from "../../../_components/form";
import { Button, Card } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";
import { SmeFields } from "./sme-fields";
import { clock } from "@/server/clock";

const fields = ["name", "kind", "country", "description", "website", "sme", "sme.staffHeadcount", "sme.annualTurnoverEuros", "sme.balanceSheetTotalEuros", "sme.referenceYear"] as const;

export function CreateOrganisationForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<CreateOrganisationInput>({
    resolver: zodResolver(createOrganisationSchema),
    defaultValues: { name: "", kind: "SME", country: "GB", description: "", website: "", sme: { staffHeadcount: "", annualTurnoverEuros: "", balanceSheetTotalEuros: "", referenceYear: clock.now().getFullYear() - 1 } as never },
    shouldUnregister: true,
  });
  const kind = useWatch({ control: form.control, name: "kind" });
  const create = useMutation(trpc.organisations.create.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const { formError, onSubmit } = useServerSubmit(form, fields, async (values) => {
    const organisation = await create.mutateAsync(values);
    router.push(`/organisations/${organisation.id}`);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <FormError message={formError} />
      <Card title="The organisation">
        <div className="space-y-4">
          <Field label="Registered name" error={errors.name} required>
            {({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("name")} />}
          </Field>
          <Field label="Kind" help="SMEs can use the SME industrial route once their declaration qualifies." error={errors.kind} required>
            {({ id, describedBy, invalid }) => (
              <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("kind")}>
                <option value="SME">SME (fewer than 250 staff)</option>
                <option value="INDUSTRY">Industry (larger company)</option>
                <option value="ACADEMIC">Academic or research institute</option>
              </Select>
            )}
          </Field>
          <Field label="Country" help="Two-letter ISO code, e.g. GB, DE, FI." error={errors.country} required>
            {({ id, describedBy, invalid }) => <Input id={id} maxLength={2} className="w-24 uppercase" aria-describedby={describedBy} invalid={invalid} {...form.register("country")} />}
          </Field>
          <Field label="What the organisation does" help="A sentence or two; facility staff read it when they review your requests." error={errors.description}>
            {({ id, describedBy, invalid }) => <Textarea id={id} rows={3} aria-describedby={describedBy} invalid={invalid} {...form.register("description")} />}
          </Field>
          <Field label="Website" error={errors.website}>
            {({ id, describedBy, invalid }) => <Input id={id} type="url" placeholder="https://" aria-describedby={describedBy} invalid={invalid} {...form.register("website")} />}
          </Field>
        </div>
      </Card>
      {kind === "SME" ? <SmeFields form={form} /> : null}
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Registering…" : "Register organisation"}</Button>
    </form>
  );
}
