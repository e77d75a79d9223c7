"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Field, FormError, Input } from "../../_components/form";
import { Button } from "../../_components/ui";

const schema = z.object({ password: z.string().min(1, "Enter your password.") });

export function ConfirmForm({ email, token }: { email: string; token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(schema), defaultValues: { password: "" } });

  const submit = form.handleSubmit(async ({ password }) => {
    setError(null);
    const result = await signIn("password", { email, password, confirmationToken: token, redirect: false });
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "The password is not right.");
      return;
    }
    router.push("/dashboard");
    router.refresh();
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={error} />
      <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
      <Field label="Password" error={form.formState.errors.password} required>
        {({ id, describedBy, invalid }) => <Input id={id} type="password" autoComplete="current-password" aria-describedby={describedBy} invalid={invalid} {...form.register("password")} />}
      </Field>
      <Button type="submit" className="w-full" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Confirming…" : "Confirm and sign in"}
      </Button>
    </form>
  );
}
