import type { Metadata } from "next";
import Link from "next/link";
import { AuthFrame } from "../../_components/auth-frame";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <AuthFrame title="Check your email">
      <p className="text-sm text-slate-700">
        If an account exists for <strong>{email ?? "that address"}</strong>, we have sent it a sign-in link. The link works once and expires in 15 minutes.
      </p>
      <p className="mt-4 text-sm text-slate-700">
        Nothing arrived? Check your spam folder, or <Link className="font-medium text-brand-700 underline" href="/signin">ask for another link</Link>.
      </p>
    </AuthFrame>
  );
}
