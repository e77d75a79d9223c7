"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { templateVersionSchema, tierLabels, tiersAllowedFor, type TemplateVersionInput } from "@/server/agreements/schemas";
import { agreementVariables } from "@/server/agreements/template-variables";
import { emptyAsNull, Field, FormError, Input, Select, Textarea } from "../../../_components/form";
import { Button } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

const fields = ["title", "body", "custodyClause", "dataAccessTier", "embargoMonths", "licence", "changeNote"] as const;

/** Starts from the newest version; saving makes the next version and never changes a saved one. */
export function TemplateVersionForm({ kindLabel, defaults }: { kindLabel: string; defaults: TemplateVersionInput }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState<number | null>(null);
  const form = useForm<TemplateVersionInput, unknown, z.output<typeof templateVersionSchema>>({ resolver: zodResolver(templateVersionSchema), defaultValues: defaults });
  const save = useMutation(trpc.agreements.saveTemplateVersion.mutationOptions());
  const { errors, isSubmitting, isDirty } = form.formState;
  const { formError, onSubmit } = useServerSubmit(form, fields, async (values) => {
    const result = await save.mutateAsync(values);
    setSaved(result.version);
    form.reset({ ...values, basedOnVersion: result.version, changeNote: "" });
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`New version of the ${kindLabel} template`} onChange={() => setSaved(null)}>
      <FormError message={formError} />
      <Field label="Title" error={errors.title} required>{({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("title")} />}</Field>
      <Field label="Terms" help={<>Variables filled from the request or block: {agreementVariables.map((v) => `{{${v}}}`).join(" ")}</>} error={errors.body} required>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={8} className="font-mono text-xs" aria-describedby={describedBy} invalid={invalid} {...form.register("body")} />}
      </Field>
      <Field label="Sample transfer and custody clause" help="Appended to every agreement of this kind." error={errors.custodyClause} required>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={4} className="font-mono text-xs" aria-describedby={describedBy} invalid={invalid} {...form.register("custodyClause")} />}
      </Field>
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Data access" help="What the passport will record; the kind of agreement decides which are allowed." error={errors.dataAccessTier} required>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("dataAccessTier")}>
              {tiersAllowedFor[defaults.kind].map((tier) => <option key={tier} value={tier}>{tierLabels[tier]}</option>)}
            </Select>
          )}
        </Field>
        <Field label="Embargo (months)" help="Only for data published later." error={errors.embargoMonths}>
          {({ id, describedBy, invalid }) => <Input id={id} type="number" className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register("embargoMonths", emptyAsNull)} />}
        </Field>
        <Field label="Licence" help="E.g. CC-BY-4.0; only for public data." error={errors.licence}>
          {({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("licence", { setValueAs: (v: string) => (v?.trim() ? v : null) })} />}
        </Field>
      </div>
      <Field label="What changed" help="Kept with the version and in the audit log." error={errors.changeNote} required>
        {({ id, describedBy, invalid }) => <Input id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("changeNote")} />}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={isSubmitting || !isDirty}>{isSubmitting ? "Saving…" : "Save as a new version"}</Button>
        <span role="status" className="text-sm text-emerald-800">{saved ? `Saved as version ${saved}. Agreements already sent keep their text; send the new version from each agreement where it should apply.` : ""}</span>
      </div>
    </form>
  );
}
