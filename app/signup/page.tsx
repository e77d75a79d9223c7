import type { Metadata } from "next";
import { safeCallbackUrl } from "../_lib/safe-callback";
import Link from "next/link";
import { AuthFrame } from "../_components/auth-frame";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; email?: string }> }) {
  const { callbackUrl, email } = await searchParams;
  const safeCallback = safeCallbackUrl(callbackUrl);
  // Coming from an invitation link: its token proves the address, so the account needs no confirmation email.
  const invitationToken = safeCallback.match(/^\/invitations\/([\w-]+)$/)?.[1];
  return (
    <AuthFrame title="Create your Lodestone account" footer={<>Already have an account? <Link className="font-medium text-brand-700 underline" href="/signin">Sign in</Link></>}>
      <SignUpForm callbackUrl={safeCallback} defaultEmail={email ?? ""} invitationToken={invitationToken} />
    </AuthFrame>
  );
}
