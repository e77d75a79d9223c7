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
