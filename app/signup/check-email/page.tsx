import type { Metadata } from "next";
import Link from "next/link";
import { confirmationLinkHours } from "@/server/users/email-confirmation";
import { AuthFrame } from "../../_components/auth-frame";
import { ResendConfirmation } from "../resend-confirmation";

export const metadata: Metadata = { title: "Check your email" };

export default async function SignUpCheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <AuthFrame title="Check your email">
      <p className="text-sm text-slate-700">
        We have sent an email to <strong>{email ?? "your address"}</strong>. Open the link in it and enter your password to confirm the address; your
        account works from then on. The link expires in {confirmationLinkHours} hours. If the address already has an account, the email says how to sign in
        instead.
      </p>
      <div className="mt-4 text-sm text-slate-700">
        Nothing arrived? Check your spam folder, or {email ? <ResendConfirmation email={email} /> : <Link className="font-medium text-brand-700 underline" href="/signin">sign in to get a new link</Link>}.
      </div>
    </AuthFrame>
  );
}
