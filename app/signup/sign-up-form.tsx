"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useSyncExternalStore } from "react";
import { useForm } from "react-hook-form";
import { signUpSchema, type SignUpInput } from "@/server/auth/schemas";
import { Field, FormError, Input } from "../_components/form";
import { Button } from "../_components/ui";
import { useServerSubmit, useTRPC } from "../_lib/trpc";

const noSubscription = () => () => {};

/** False in the server's HTML and until React has hydrated the form, true from then on. */
function useHydrated() {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

export function SignUpForm({ callbackUrl, defaultEmail, invitationToken }: { callbackUrl: string; defaultEmail: string; invitationToken?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<SignUpInput>({ resolver: zodResolver(signUpSchema), defaultValues: { name: "", email: defaultEmail, password: "" } });
  const signUp = useMutation(trpc.users.signUp.mutationOptions());

  const { formError, onSubmit } = useServerSubmit(form, ["name", "email", "password"], async (values) => {
    const account = await signUp.mutateAsync({ ...values, invitationToken });
    if (!account.confirmed) {
      router.push(`/signup/check-email?email=${encodeURIComponent(account.email)}`);
      return;
    }
    await signIn("password", { email: values.email, password: values.password, redirect: false });
    router.push(callbackUrl);
    router.refresh();
  });
  const { errors, isSubmitting } = form.formState;
  const hydrated = useHydrated();

  return (
    // Signing up needs the scripts: until they run the button stays disabled, which also stops
    // Enter from submitting natively, and a native post never carries the password in the URL.
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      {/* Shown until the scripts run (not in <noscript>, which browsers that only block scripts may not show). */}
      {hydrated ? null : <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">Creating an account needs JavaScript. If this message stays, turn JavaScript on for this site and reload the page.</p>}
      <Field label="Full name" error={errors.name} required>
        {({ id, describedBy, invalid }) => <Input id={id} autoComplete="name" aria-describedby={describedBy} invalid={invalid} {...form.register("name")} />}
      </Field>
      <Field label="Email" help="Use your work address; invitations to your organisation go there." error={errors.email} required>
        {({ id, describedBy, invalid }) => <Input id={id} type="email" autoComplete="email" aria-describedby={describedBy} invalid={invalid} {...form.register("email")} />}
      </Field>
      <Field label="Password" help="At least 12 characters. A short sentence is easy to remember and hard to guess." error={errors.password} required>
        {({ id, describedBy, invalid }) => <Input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} invalid={invalid} {...form.register("password")} />}
      </Field>
      <Button type="submit" className="w-full" disabled={!hydrated || isSubmitting}>
        {isSubmitting ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
