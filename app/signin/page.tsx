import type { Metadata } from "next";
import { safeCallbackUrl } from "../_lib/safe-callback";
import Link from "next/link";
import { redirect } from "next/navigation";
import { facilitySsoEnabled } from "@/server/auth/options";
import { currentActor } from "../_lib/server-api";
import { AuthFrame } from "../_components/auth-frame";
import { signInErrorMessage } from "@/server/auth/messages";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const safeCallback = safeCallbackUrl(callbackUrl);
  if ((await currentActor()).kind === "user") redirect(safeCallback);
  const initialError = signInErrorMessage(error);
  return (
    <AuthFrame title="Sign in to Lodestone" footer={<>New to Lodestone? <Link className="font-medium text-brand-700 underline" href="/signup">Create an account</Link></>}>
      <SignInForm callbackUrl={safeCallback} initialError={initialError} ssoName={facilitySsoEnabled() ? (process.env.OIDC_NAME ?? "Facility single sign-on") : null} />
    </AuthFrame>
  );
}
