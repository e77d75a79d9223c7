import type { Metadata } from "next";
import { safeCallbackUrl } from "../_lib/safe-callback";
import Link from "next/link";
import { AuthFrame } from "../_components/auth-frame";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; email?: string }> }) {
  const { callbackUrl, email } = await searchParams;
  const safeCallback = safeCallbackUrl(callbackUrl);
  return (
    <AuthFrame title="Create your Lodestone account" footer={<>Already have an account? <Link className="font-medium text-brand-700 underline" href="/signin">Sign in</Link></>}>
      <SignUpForm callbackUrl={safeCallback} defaultEmail={email ?? ""} />
    </AuthFrame>
  );
}
