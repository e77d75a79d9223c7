"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { bankTransferSchema, cancelQuoteSchema, issueInvoiceSchema, paymentTermsSchema, waivePrepaymentSchema, type IssueInvoiceInput } from "@/server/billing/schemas";
import { Field, FormError, Input, Textarea } from "../../../_components/form";
import { Button } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

export function PaymentTermsForm({ requestId, current }: { requestId: string; current: { paymentTerms: "PREPAYMENT" | "PURCHASE_ORDER"; purchaseOrderNumber: string | null } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const form = useForm<z.input<typeof paymentTermsSchema>>({ resolver: zodResolver(paymentTermsSchema), defaultValues: { requestId, ...current } });
  const save = useMutation(trpc.billing.setPaymentTerms.mutationOptions());
  const terms = useWatch({ control: form.control, name: "paymentTerms" });
  const { formError, onSubmit } = useServerSubmit(form, ["purchaseOrderNumber", "paymentTerms"], async (values) => {
    await save.mutateAsync(values);
    setSaved(true);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="How you will pay" onChange={() => setSaved(false)}>
      <FormError message={formError} />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium text-slate-800">How you will pay</legend>
        <label className="flex items-center gap-2"><input type="radio" value="PURCHASE_ORDER" {...form.register("paymentTerms")} />Against our purchase order, invoiced after the run</label>
        <label className="flex items-center gap-2"><input type="radio" value="PREPAYMENT" {...form.register("paymentTerms")} />Prepayment</label>
      </fieldset>
      {terms === "PURCHASE_ORDER" ? (
        <Field label="Purchase order number" error={form.formState.errors.purchaseOrderNumber} required>
          {({ id, describedBy, invalid }) => <Input id={id} className="max-w-xs" aria-describedby={describedBy} invalid={invalid} {...form.register("purchaseOrderNumber", { setValueAs: (v: string) => (v?.trim() ? v : null) })} />}
        </Field>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>{form.formState.isSubmitting ? "Saving…" : "Save payment terms"}</Button>
        <span role="status" className="text-sm text-emerald-800">{saved ? "Saved" : ""}</span>
      </div>
    </form>
  );
}

export function MakeQuoteButton({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const make = useMutation(trpc.billing.makeQuote.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="space-y-2">
      <Button type="button" disabled={make.isPending} onClick={() => make.mutate({ requestId })}>{make.isPending ? "Pricing…" : "Make the quote"}</Button>
      {make.error ? <p role="alert" className="text-sm text-red-700">{make.error.message}</p> : null}
    </div>
  );
}

const addOnFields = ["SAMPLE_PREPARATION", "MAIL_IN", "DATA_PROCESSING", "SHIPPING"] as const;

/** After the run: the shifts used and downtime come from the calendar; staff enter the add-ons actually delivered. */
export function IssueInvoiceForm({ requestId, addOnRates, defaults }: { requestId: string; addOnRates: { kind: string; label: string; unitLabel: string; priceText: string }[]; defaults: Partial<Record<(typeof addOnFields)[number], number>> }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<IssueInvoiceInput, unknown, z.output<typeof issueInvoiceSchema>>({ resolver: zodResolver(issueInvoiceSchema), defaultValues: { requestId, addOns: defaults } });
  const issue = useMutation(trpc.billing.issueInvoice.mutationOptions());
  const { formError, onSubmit } = useServerSubmit(form, addOnFields.map((k) => `addOns.${k}` as const), async (values) => {
    const invoice = await issue.mutateAsync(values);
    router.push(`/invoices/${invoice.id}`);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Issue the invoice">
      <FormError message={formError} />
      {addOnRates.length > 0 ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {addOnRates.map((rate) => {
            const kind = rate.kind as (typeof addOnFields)[number];
            return (
              <Field key={kind} label={`${rate.label} (${rate.unitLabel}s)`} help={`${rate.priceText} per ${rate.unitLabel}`} error={form.formState.errors.addOns?.[kind]}>
                {({ id, describedBy, invalid }) => <Input id={id} type="number" min={0} className="w-28" aria-describedby={describedBy} invalid={invalid} {...form.register(`addOns.${kind}`, { setValueAs: (v) => (v === "" ? 0 : Number(v)) })} />}
              </Field>
            );
          })}
        </div>
      ) : null}
      <Button type="submit" disabled={form.formState.isSubmitting}>{form.formState.isSubmitting ? "Issuing…" : "Issue the invoice"}</Button>
    </form>
  );
}

export function CancelQuoteForm({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<z.input<typeof cancelQuoteSchema>>({ resolver: zodResolver(cancelQuoteSchema), defaultValues: { requestId, reason: "" } });
  const cancel = useMutation(trpc.billing.cancelQuote.mutationOptions());
  const { formError, onSubmit } = useServerSubmit(form, ["reason"], async (values) => {
    await cancel.mutateAsync(values);
    router.refresh();
  });
  if (!open) return <Button type="button" variant="secondary" onClick={() => setOpen(true)}>Cancel the quote…</Button>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Cancel the quote">
      <FormError message={formError} />
      <Field label="Why the quote is cancelled" help="Any SME subsidy held for it goes back to the programme." error={form.formState.errors.reason} required>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("reason")} />}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={form.formState.isSubmitting}>Cancel the quote</Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>Keep it</Button>
      </div>
    </form>
  );
}


/** The payer pays a prepayment online: the portal opens a Stripe Checkout page; the quote shows as paid once Stripe confirms it. */
export function PayNowButton({ requestId, amountText }: { requestId: string; amountText: string }) {
  const trpc = useTRPC();
  const pay = useMutation(trpc.billing.startCheckout.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  return (
    <div className="space-y-1">
      <Button type="button" disabled={pay.isPending || pay.isSuccess} onClick={() => pay.mutate({ requestId })}>{pay.isPending || pay.isSuccess ? "Opening the payment page…" : `Pay now (${amountText})`}</Button>
      {pay.error ? <p role="alert" className="text-sm text-red-700">{pay.error.message}</p> : null}
    </div>
  );
}

/** Staff record a prepayment received by bank transfer, with the reference on the statement. */
export function BankTransferForm({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<z.input<typeof bankTransferSchema>>({ resolver: zodResolver(bankTransferSchema), defaultValues: { requestId, reference: "" } });
  const record = useMutation(trpc.billing.recordBankTransfer.mutationOptions());
  const { formError, onSubmit } = useServerSubmit(form, ["reference"], async (values) => {
    await record.mutateAsync(values);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record a bank transfer">
      <FormError message={formError} />
      <Field label="Bank transfer reference" help="As the bank statement shows it; bookings can be confirmed once it is recorded." error={form.formState.errors.reference} required>
        {({ id, describedBy, invalid }) => <Input id={id} className="max-w-sm" aria-describedby={describedBy} invalid={invalid} {...form.register("reference")} />}
      </Field>
      <Button type="submit" disabled={form.formState.isSubmitting}>{form.formState.isSubmitting ? "Recording…" : "Record the payment"}</Button>
    </form>
  );
}

/** Staff let bookings be confirmed before the prepayment arrives, saying why. */
export function WaivePrepaymentForm({ requestId }: { requestId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<z.input<typeof waivePrepaymentSchema>>({ resolver: zodResolver(waivePrepaymentSchema), defaultValues: { requestId, reason: "" } });
  const waive = useMutation(trpc.billing.waivePrepayment.mutationOptions());
  const { formError, onSubmit } = useServerSubmit(form, ["reason"], async (values) => {
    await waive.mutateAsync(values);
    router.refresh();
  });
  if (!open) return <Button type="button" variant="secondary" onClick={() => setOpen(true)}>Confirm bookings before payment…</Button>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Waive the prepayment">
      <FormError message={formError} />
      <Field label="Why bookings may be confirmed before payment" help="Kept in the audit log. The payment can still be recorded when it arrives." error={form.formState.errors.reason} required>
        {({ id, describedBy, invalid }) => <Textarea id={id} rows={2} aria-describedby={describedBy} invalid={invalid} {...form.register("reason")} />}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={form.formState.isSubmitting}>Waive the prepayment</Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>Keep waiting for payment</Button>
      </div>
    </form>
  );
}
