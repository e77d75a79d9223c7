"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { roleLabels } from "@/server/organisations/roles";
import { inviteMemberSchema, type InviteMemberInput } from "@/server/organisations/schemas";
import { Field, FormError, Input, Select } from "../../../_components/form";
import { Button, Notice } from "../../../_components/ui";
import { useServerSubmit, useTRPC } from "../../../_lib/trpc";

export function InviteMemberForm({ organisationId, roles }: { organisationId: string; roles: { value: InviteMemberInput["role"]; label: string }[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [sent, setSent] = useState<SentInvitation | null>(null);
  const form = useForm<InviteMemberInput>({ resolver: zodResolver(inviteMemberSchema), defaultValues: { organisationId, email: "", role: roles[0]!.value } });
  const invite = useMutation(trpc.organisations.invite.mutationOptions());
  const { errors, isSubmitting } = form.formState;

  const { formError, onSubmit } = useServerSubmit(form, ["email", "role"], async (values) => {
    setSent(null);
    setSent(await invite.mutateAsync(values));
    form.reset({ organisationId, email: "", role: values.role });
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      {sent ? <SentNotice sent={sent} /> : null}
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

type SentInvitation = { email: string; role: InviteMemberInput["role"]; resent: boolean; previousRole: InviteMemberInput["role"] | null };

/** A second invite renews the pending one, so say so: the earlier link is dead and the role may have changed. */
function SentNotice({ sent }: { sent: SentInvitation }) {
  if (!sent.resent) return <Notice tone="success">Invitation sent to {sent.email}. The link works once and expires in 7 days.</Notice>;
  return (
    <Notice tone="success">
      Invitation sent again to {sent.email}. The link in the earlier email no longer works; the new one expires in 7 days.
      {sent.previousRole ? ` Its role is now ${roleLabels[sent.role]} (it was ${roleLabels[sent.previousRole]}).` : null}
    </Notice>
  );
}
