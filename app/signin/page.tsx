import type { Metadata } from "next";
import { safeCallbackUrl } from "../_lib/safe-callback";
import Link from "next/link";
import { redirect } from "next/navigation";
import { facilitySsoEnabled } from "@/server/auth/options";
import { currentActor } from "../_lib/server-api";
import { AuthFrame } from "../_components/auth-frame";
import { signInErrorCodes, signInMessages } from "@/server/auth/messages";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** next-auth's error codes, in words a person can act on. */
const errorMessages: Record<string, string> = {
  Verification: "This sign-in link has expired or has already been used. Ask for a new link below.",
  AccessDenied: "That account may not sign in here. Contact your facility's user office.",
  OAuthAccountNotLinked: "This email is already used by another sign-in method. Sign in with your password first.",
  [signInErrorCodes.ssoAddressUnverified]: "Your single sign-on provider has not verified your email address, so it cannot be used to sign in here. Verify the address with your provider, or sign in with a sign-in link.",
  [signInErrorCodes.signInLinkLimited]: signInMessages.signInLinkLimited,
  SessionRequired: "Please sign in to continue.",
  CredentialsSignin: signInMessages.wrongCredentials,
  Default: "Sign-in did not complete. Please try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const safeCallback = safeCallbackUrl(callbackUrl);
  if ((await currentActor()).kind === "user") redirect(safeCallback);
  const initialError = error ? (errorMessages[error] ?? error) : null;
  return (
    <AuthFrame title="Sign in to Lodestone" footer={<>New to Lodestone? <Link className="font-medium text-brand-700 underline" href="/signup">Create an account</Link></>}>
      <SignInForm callbackUrl={safeCallback} initialError={initialError} ssoName={facilitySsoEnabled() ? (process.env.OIDC_NAME ?? "Facility single sign-on") : null} />
    </AuthFrame>
  );
}
