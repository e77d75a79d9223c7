"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInErrorCodes, signInMessages } from "@/server/auth/messages";
import { magicLinkSchema, signInSchema } from "@/server/auth/schemas";
import { ResendConfirmation } from "../signup/resend-confirmation";
import { Field, FormError, Input } from "../_components/form";
import { Button } from "../_components/ui";

export function SignInForm({ callbackUrl, initialError, ssoName }: { callbackUrl: string; initialError: string | null; ssoName: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [unconfirmedEmail, setUnconfirmedEmail] = useState<string | null>(null);
  const [mode, setMode] = useState<"password" | "link">("password");
  const passwordForm = useForm({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });
  const linkForm = useForm({ resolver: zodResolver(magicLinkSchema), defaultValues: { email: "" } });

  const submitPassword = passwordForm.handleSubmit(async (values) => {
    setError(null);
    setUnconfirmedEmail(null);
    const result = await signIn("password", { ...values, redirect: false, callbackUrl });
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "The email or password is not right.");
      if (result?.error === signInMessages.unconfirmed) setUnconfirmedEmail(values.email);
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  });

  const submitLink = linkForm.handleSubmit(async (values) => {
    setError(null);
    const result = await signIn("email", { email: values.email, redirect: false, callbackUrl });
    if (result?.error) {
      setError(result.error === signInErrorCodes.signInLinkLimited ? signInMessages.signInLinkLimited : "The sign-in link could not be sent. Please try again in a minute.");
      return;
    }
    router.push(`/signin/check-email?email=${encodeURIComponent(values.email)}`);
  });

  return (
    <div className="space-y-5">
      <FormError message={error} />
      {unconfirmedEmail ? (
        <p className="text-sm text-slate-700">
          No email? <ResendConfirmation email={unconfirmedEmail} />
        </p>
      ) : null}
      {mode === "password" ? (
        // Without scripts (or before they load) the browser posts the form itself: to a handler
        // that signs in, never as a GET that would put the password in the address bar.
        <form method="post" action="/signin/submit" onSubmit={submitPassword} noValidate className="space-y-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Field label="Email" error={passwordForm.formState.errors.email} required>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="email" autoComplete="email" aria-describedby={describedBy} invalid={invalid} {...passwordForm.register("email")} />
            )}
          </Field>
          <Field label="Password" error={passwordForm.formState.errors.password} required>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="password" autoComplete="current-password" aria-describedby={describedBy} invalid={invalid} {...passwordForm.register("password")} />
            )}
          </Field>
          <Button type="submit" className="w-full" disabled={passwordForm.formState.isSubmitting}>
            {passwordForm.formState.isSubmitting ? "Signing in…" : "Sign in"}
          </Button>
          <button type="button" className="w-full text-sm font-medium text-brand-700 underline" onClick={() => { setError(null); setMode("link"); }}>
            Email me a sign-in link instead
          </button>
        </form>
      ) : (
        <form method="post" onSubmit={submitLink} noValidate className="space-y-4">
          <Field label="Email" help="We send a link that signs you in once and expires in 15 minutes." error={linkForm.formState.errors.email} required>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="email" autoComplete="email" aria-describedby={describedBy} invalid={invalid} {...linkForm.register("email")} />
            )}
          </Field>
          <Button type="submit" className="w-full" disabled={linkForm.formState.isSubmitting}>
            {linkForm.formState.isSubmitting ? "Sending…" : "Email me a sign-in link"}
          </Button>
          <button type="button" className="w-full text-sm font-medium text-brand-700 underline" onClick={() => { setError(null); setMode("password"); }}>
            Sign in with a password instead
          </button>
        </form>
      )}
      {ssoName ? (
        <div className="border-t border-slate-200 pt-4">
          <Button type="button" variant="secondary" className="w-full" onClick={() => signIn("facility-sso", { callbackUrl })}>
            Sign in with {ssoName}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
