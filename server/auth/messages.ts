/** What the sign-in form shows; shared by the server (which throws them) and the form (which recognises them). */
export const signInMessages = {
  wrongCredentials: "The email or password is not right. Check both and try again, or use a sign-in link.",
  rateLimited: (minutes: number) => `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or use a sign-in link.`,
  unconfirmed: "Confirm your email address first: open the link we emailed you when you created the account.",
  /** Shown for signInErrorCodes.signInLinkLimited; the window is throttles.signInLink's. */
  signInLinkLimited: "Too many sign-in links were asked for this address or from your network. Use the last link we sent, or try again in 15 minutes.",
  confirmationLinkInvalid: "This confirmation link has expired or has already been used. Sign in with your password to get a new one.",
} as const;

/** next-auth error codes our sign-in callback sends people back with (see sign-in-callback.ts). */
export const signInErrorCodes = { signInLinkLimited: "SignInLinkLimited", ssoAddressUnverified: "SsoAddressUnverified" } as const;

/**
 * What /signin shows for ?error=<code>. Only these codes are worded: anything else in the address
 * gets the generic message, so a link cannot make Lodestone's sign-in page display text of its choosing.
 */
const signInPageMessages: Record<string, string> = {
  Verification: "This sign-in link has expired or has already been used. Ask for a new link below.",
  AccessDenied: "That account may not sign in here. Contact your facility's user office.",
  OAuthAccountNotLinked: "This email is already used by another sign-in method. Sign in with your password first.",
  [signInErrorCodes.ssoAddressUnverified]: "Your single sign-on provider has not verified your email address, so it cannot be used to sign in here. Verify the address with your provider, or sign in with a sign-in link.",
  [signInErrorCodes.signInLinkLimited]: signInMessages.signInLinkLimited,
  SessionRequired: "Please sign in to continue.",
  CredentialsSignin: signInMessages.wrongCredentials,
  Unconfirmed: signInMessages.unconfirmed,
  ConfirmationLinkInvalid: signInMessages.confirmationLinkInvalid,
  EmailMissing: "Enter your email address.",
  EmailInvalid: "Enter an email address like name@company.com.",
  SecretMissing: "Enter your password.",
  OtherSite: "Sign in from Lodestone's own sign-in page.",
};
const genericSignInError = "Sign-in did not complete. Please try again.";
/** RateLimited-<minutes>: the one code that carries a number, digits only. */
const rateLimitedCode = /^RateLimited-(\d{1,3})$/;

/** The words for a sign-in error code from the address; null when there is none. */
export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  if (Object.hasOwn(signInPageMessages, code)) return signInPageMessages[code]!;
  const limited = rateLimitedCode.exec(code);
  return limited ? signInMessages.rateLimited(Number(limited[1])) : genericSignInError;
}

/**
 * The code for a message the password sign-in threw, so the no-script form can send people back
 * to /signin with a code rather than the text. Unknown messages become the generic "Default".
 */
export function signInErrorCodeFor(message: string | null | undefined): string {
  if (!message) return "CredentialsSignin";
  const minutes = /^Too many failed sign-in attempts\. Try again in (\d{1,3}) minutes?/.exec(message);
  if (minutes) return `RateLimited-${minutes[1]}`;
  const known = Object.entries(signInPageMessages).find(([, text]) => text === message);
  return known ? known[0] : "Default";
}
