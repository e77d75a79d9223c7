"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "../_lib/trpc";

/** Asks for a fresh confirmation link; the answer is the same whether or not the account exists. */
export function ResendConfirmation({ email }: { email: string }) {
  const trpc = useTRPC();
  const resend = useMutation(trpc.users.resendConfirmation.mutationOptions());
  if (resend.isSuccess) return <span role="status">we have sent a new link to {email} if its account still needs confirming.</span>;
  return (
    <>
      <button type="button" className="font-medium text-brand-700 underline" disabled={resend.isPending} onClick={() => resend.mutate({ email })}>
        {resend.isPending ? "sending…" : "email me a new confirmation link"}
      </button>
      {resend.error ? <span role="alert" className="mt-2 block text-red-700">{resend.error.message}</span> : null}
    </>
  );
}
