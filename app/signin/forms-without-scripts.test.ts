import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TrpcReactProvider } from "../_lib/trpc";
import { SignUpForm } from "../signup/sign-up-form";
import { SignInForm } from "./sign-in-form";

/**
 * The server's HTML for the form holding a password field: what a browser submits before (or
 * without) the scripts. Returns the <form> tag and the markup inside it.
 */
function passwordForm(element: ReactNode): { tag: string; body: string } {
  const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };
  const html = renderToString(createElement(AppRouterContext.Provider, { value: router as never }, createElement(TrpcReactProvider, null, element)));
  const form = html.match(/(<form[^>]*>)((?:(?!<\/form>)[\s\S])*type="password"[\s\S]*?)<\/form>/);
  if (!form) throw new Error(`No form with a password field in:\n${html}`);
  return { tag: form[1]!, body: form[2]! };
}

const submitDisabled = (body: string) => / disabled=""/.test(body.match(/<button[^>]*type="submit"[^>]*>/)?.[0] ?? "");

describe("forms that carry a password, as the server renders them", () => {
  it("the sign-in form posts to a handler that signs in, carrying where to go next", () => {
    const { tag, body } = passwordForm(createElement(SignInForm, { callbackUrl: "/requests", initialError: null, ssoName: null }));
    expect(tag).toContain('method="post"');
    expect(tag).toContain('action="/signin/submit"');
    expect(body).toMatch(/<input type="hidden" name="callbackUrl" value="\/requests"\/>/);
    expect(body).toContain('name="email"');
    expect(body).toContain('name="password"');
    expect(submitDisabled(body)).toBe(false);
  });

  it("the sign-up form posts, and cannot be submitted at all until its scripts have run", () => {
    const { tag, body } = passwordForm(createElement(SignUpForm, { callbackUrl: "/dashboard", defaultEmail: "" }));
    expect(tag).toContain('method="post"');
    expect(submitDisabled(body)).toBe(true);
  });
});
