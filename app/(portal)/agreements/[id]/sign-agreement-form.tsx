"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { declineAgreementSchema, signAgreementSchema } from "@/server/agreements/schemas";
import { Field, FormError, Input, Select, Textarea } from "../../../_components/form";
import { Button } from "../../../_components/ui";
import { applyServerErrors, useServerSubmit, useTRPC } from "../../../_lib/trpc";

export function SignAgreementForm({ agreementId, documentHash, organisations }: { agreementId: string; documentHash: string; organisations: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [declining, setDeclining] = useState(false);
  const form = useForm<z.input<typeof signAgreementSchema>>({ resolver: zodResolver(signAgreementSchema), defaultValues: { agreementId, documentHash, organisationId: organisations[0]!.id, typedName: "", confirm: false as unknown as true } });
  const decline = useForm<z.input<typeof declineAgreementSchema>>({ resolver: zodResolver(declineAgreementSchema), defaultValues: { agreementId, organisationId: organisations[0]!.id, reason: "" } });
  const sign = useMutation(trpc.agreements.sign.mutationOptions());
  const refuse = useMutation(trpc.agreements.decline.mutationOptions());
  const { formError, setFormError, onSubmit: onSign } = useServerSubmit(form, ["typedName", "organisationId", "confirm"], async (values) => {
    await sign.mutateAsync(values as z.output<typeof signAgreementSchema>);
    router.refresh();
  });
  const onDecline = decline.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await refuse.mutateAsync(values);
      router.refresh();
    } catch (error) {
      setFormError(applyServerErrors(error, decline.setError, ["reason"]));
    }
  });
  return (
    <div className="space-y-4">
      <FormError message={formError} />
      {!declining ? (
        <form onSubmit={onSign} noValidate className="space-y-3" aria-label="Sign the agreement">
          {organisations.length > 1 ? (
            <Field label="Signing for">{({ id }) => <Select id={id} {...form.register("organisationId")}>{organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</Select>}</Field>
          ) : (
            <p className="text-sm">Signing for <strong>{organisations[0]!.name}</strong>.</p>
          )}
          <Field label="Type your full name to sign" error={form.formState.errors.typedName} required>
            {({ id, describedBy, invalid }) => <Input id={id} autoComplete="name" aria-describedby={describedBy} invalid={invalid} {...form.register("typedName")} />}
          </Field>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" {...form.register("confirm")} />
            <span>I have read this agreement and I am authorised to sign it for the organisation.</span>
          </label>
          {form.formState.errors.confirm?.message ? <p className="text-sm font-medium text-red-700">{form.formState.errors.confirm.message}</p> : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={form.formState.isSubmitting}>Sign the agreement</Button>
            <Button type="button" variant="secondary" onClick={() => setDeclining(true)}>Decline…</Button>
          </div>
        </form>
      ) : (
        <form onSubmit={onDecline} noValidate className="space-y-3" aria-label="Decline the agreement">
          <Field label="Why you decline" help="The other parties see your reason." error={decline.formState.errors.reason} required>
            {({ id, describedBy, invalid }) => <Textarea id={id} rows={3} aria-describedby={describedBy} invalid={invalid} {...decline.register("reason")} />}
          </Field>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={decline.formState.isSubmitting}>Decline the agreement</Button>
            <Button type="button" variant="secondary" onClick={() => setDeclining(false)}>Back</Button>
          </div>
        </form>
      )}
    </div>
  );
}
