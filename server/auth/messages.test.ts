import { describe, expect, it } from "vitest";
import { signInErrorCodeFor, signInErrorMessage, signInMessages } from "./messages";

describe("the words /signin shows for ?error=", () => {
  it("words the codes it knows", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe(signInMessages.wrongCredentials);
    expect(signInErrorMessage("Verification")).toMatch(/expired or has already been used/);
    expect(signInErrorMessage("RateLimited-7")).toBe(signInMessages.rateLimited(7));
  });

  it("never shows text from the address: anything else gets the generic message", () => {
    for (const text of ["Your account is locked. Call +1 555 0100 to unlock it.", "toString", "__proto__", "RateLimited-7 call us", "RateLimited-abc"]) {
      expect(signInErrorMessage(text)).toBe("Sign-in did not complete. Please try again.");
    }
    expect(signInErrorMessage(undefined)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
  });

  it("turns every message the password sign-in throws into a code the page words the same", () => {
    const thrown = [signInMessages.wrongCredentials, signInMessages.unconfirmed, signInMessages.confirmationLinkInvalid, signInMessages.rateLimited(15), signInMessages.rateLimited(1), "Enter your password.", "Enter your email address."];
    for (const message of thrown) expect(signInErrorMessage(signInErrorCodeFor(message))).toBe(message);
    expect(signInErrorCodeFor("something next-auth made up")).toBe("Default");
  });
});
