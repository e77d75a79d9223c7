"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { inviteMemberSchema, type InviteMemberInput } from "@/server/organisations/schemas";
import { Field, FormError, Input, Select } from "../../../_components/form";
import { Button, Notice } from "../../../_components/ui";
import { applyServerErrors, useTRPC } from "../../../_lib/trpc";

export function InviteMemberForm({ organisationId, roles }: { organisationId: string; roles: { value: InviteMemberInput["role"]; label: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<InviteMemberInput>({ resolver: zodResolver(inviteMemberSchema), defaultValues: { organisationId, email: "", role: roles[0]!.value } });
  const invite = useMutation(trpc.organisations.invite.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSentTo(null);
    try {
      await invite.mutateAsync(values);
      setSentTo(values.email);
      form.reset({ organisationId, email: "", role: values.role });
      router.refresh();
    } catch (error) {
      setFormError(applyServerErrors(error, form.setError, ["email", "role"]));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      {sentTo ? <Notice tone="success">Invitation sent to {sentTo}. The link works once and expires in 7 days.</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field label="Email" error={errors.email} required>
          {({ id, describedBy, invalid }) => <Input id={id} type="email" aria-describedby={describedBy} invalid={invalid} {...form.register("email")} />}
        </Field>
        <Field label="Role" error={errors.role} required>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-describedby={describedBy} invalid={invalid} {...form.register("role")}>
              {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
            </Select>
          )}
        </Field>
      </div>
      <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Sending…" : "Send invitation"}</Button>
    </form>
  );
}
