"use client";

import type { UseFormReturn } from "react-hook-form";
import type { CreateOrganisationInput } from "@/server/organisations/schemas";
import { Field, Input } from "../../../_components/form";
import { Card } from "../../../_components/ui";

/** The EU SME declaration; the portal checks it against the definition and shows the result. */
export function SmeFields({ form }: { form: UseFormReturn<CreateOrganisationInput> }) {
  const errors = form.formState.errors.sme;
  return (
    <Card title="SME declaration">
      <p className="mb-4 text-sm text-slate-700">
        The EU definition: fewer than 250 staff, and either turnover up to €50 million or a balance sheet total up to €43 million. Use your last closed accounts.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Staff head-count" error={errors?.staffHeadcount} required>
          {({ id, describedBy, invalid }) => <Input id={id} inputMode="numeric" aria-describedby={describedBy} invalid={invalid} {...form.register("sme.staffHeadcount")} />}
        </Field>
        <Field label="Accounts year" error={errors?.referenceYear} required>
          {({ id, describedBy, invalid }) => <Input id={id} inputMode="numeric" aria-describedby={describedBy} invalid={invalid} {...form.register("sme.referenceYear")} />}
        </Field>
        <Field label="Annual turnover (€)" help="Whole euros" error={errors?.annualTurnoverEuros} required>
          {({ id, describedBy, invalid }) => <Input id={id} inputMode="numeric" aria-describedby={describedBy} invalid={invalid} {...form.register("sme.annualTurnoverEuros")} />}
        </Field>
        <Field label="Balance sheet total (€)" help="Whole euros" error={errors?.balanceSheetTotalEuros} required>
          {({ id, describedBy, invalid }) => <Input id={id} inputMode="numeric" aria-describedby={describedBy} invalid={invalid} {...form.register("sme.balanceSheetTotalEuros")} />}
        </Field>
      </div>
    </Card>
  );
}
