import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "../../_lib/server-api";
import { AuthFrame } from "../../_components/auth-frame";
import { ConfirmForm } from "./confirm-form";

export const metadata: Metadata = { title: "Confirm your email address" };

/** Where the confirmation email's link lands: the password proves the person confirming is the one who signed up. */
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ email?: string; token?: string }> }) {
  const { email, token } = await searchParams;
  if ((await currentActor()).kind === "user") redirect("/dashboard");
  if (!email || !token) redirect("/signin");
  return (
    <AuthFrame title="Confirm your email address">
      <p className="mb-4 text-sm text-slate-700">
        Enter the password you chose for <strong>{email}</strong> to confirm the address and open your account.
      </p>
      <ConfirmForm email={email} token={token} />
    </AuthFrame>
  );
}
