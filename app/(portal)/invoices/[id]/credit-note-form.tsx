"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { creditNoteSchema, type CreditNoteInput } from "@/server/billing/schemas";
import { Field, FormError, Input, Textarea } from "../../../_components/form";
import { Button } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

/** The amount is typed in pounds or euros and sent in minor units. */
export function CreditNoteForm({ invoiceId, currency }: { invoiceId: string; currency: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<CreditNoteInput, unknown, z.output<typeof creditNoteSchema>>({ resolver: zodResolver(creditNoteSchema), defaultValues: { invoiceId, reason: "" } });
  const issue = useMutation(trpc.billing.issueCreditNote.mutationOptions());
  const { formError, onSubmit } = useServerSubmit(form, ["amountMinor", "reason"], async (values) => {
    const note = await issue.mutateAsync(values);
    router.push(`/invoices/${note.id}`);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Issue a credit note">
      <FormError message={formError} />
      <Field label={`Amount to credit, before VAT (${currency})`} help="VAT is credited at the invoice's rate." error={form.formState.errors.amountMinor} required>
        {({ id, describedBy, invalid }) => <Input id={id} inputMode="decimal" className="w-36" aria-describedby={describedBy} invalid={invalid} {...form.register("amountMinor", { setValueAs: (v: string) => (v?.trim() ? Math.round(Number(v.replace(/,/g, "")) * 100) : undefined) })} />}
      </Field>
      <Field label="Reason" help="Printed on the credit note." error={form.formState.errors.reason} required>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("reason")} />}
      </Field>
      <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>{form.formState.isSubmitting ? "Issuing…" : "Issue the credit note"}</Button>
    </form>
  );
}
