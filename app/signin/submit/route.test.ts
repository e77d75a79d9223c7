import { decode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/server/auth/password";
import { testDb, uniqueSuffix } from "@/server/testing/fixtures";

const secret = vi.hoisted(() => (process.env.NEXTAUTH_SECRET ??= "vitest-secret-for-the-no-script-sign-in"));
const { POST } = await import("./route");

const password = "a long enough test password";
let user: { id: string; email: string };

beforeAll(async () => {
  const suffix = uniqueSuffix();
  user = await testDb().user.create({ data: { email: `no-script-${suffix}@test.example`, name: `No Script ${suffix}`, passwordHash: await hashPassword(password), emailVerified: new Date() } });
});

/** The post a browser makes when the sign-in form is submitted without JavaScript. */
function formPost(fields: Record<string, string>, headers: Record<string, string> = { "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }) {
  return new NextRequest("http://localhost:3000/signin/submit", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", host: "localhost:3000", "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}#${uniqueSuffix()}`, ...headers },
  });
}

const sessionCookie = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));

describe("signing in without JavaScript", () => {
  it("signs in and goes where the person was heading, with a session for that user", async () => {
    const response = await POST(formPost({ email: user.email.toUpperCase(), password, callbackUrl: "/requests?tab=open" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/requests?tab=open");
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/HttpOnly/i);
    const token = await decode({ token: decodeURIComponent(cookie!.split(";")[0]!.split("=")[1]!), secret });
    expect(token?.sub).toBe(user.id);
  });

  it("sends a wrong password back to the form with the message, and the password nowhere in the address", async () => {
    const response = await POST(formPost({ email: user.email, password: "not the password at all", callbackUrl: "/bookings" }));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!, "http://localhost:3000");
    expect(location.pathname).toBe("/signin");
    expect(location.searchParams.get("error")).toBe("CredentialsSignin");
    expect(location.searchParams.get("callbackUrl")).toBe("/bookings");
    expect(location.href).not.toContain("password");
    expect(location.href).not.toContain(encodeURIComponent("not the password at all"));
    expect(sessionCookie(response)).toBeUndefined();
  });

  it("refuses a post from another site's form, so no one can sign a visitor into their account", async () => {
    const crossSite = await POST(formPost({ email: user.email, password }, { "sec-fetch-site": "cross-site", origin: "https://evil.example" }));
    expect(sessionCookie(crossSite)).toBeUndefined();
    expect(crossSite.headers.get("location")).toMatch(/^\/signin\?/);
    expect(new URL(crossSite.headers.get("location")!, "http://localhost:3000").searchParams.get("error")).toBe("OtherSite");
    const oldBrowser = await POST(formPost({ email: user.email, password }, { origin: "https://evil.example" }));
    expect(sessionCookie(oldBrowser)).toBeUndefined();
  });

  it("never sends anyone off the site after signing in", async () => {
    const response = await POST(formPost({ email: user.email, password, callbackUrl: "//evil.example/phish" }));
    expect(response.headers.get("location")).toBe("/dashboard");
  });

  it("says what is missing when a field is empty", async () => {
    const response = await POST(formPost({ email: user.email, password: "" }));
    expect(new URL(response.headers.get("location")!, "http://localhost:3000").searchParams.get("error")).toBe("SecretMissing");
  });
});
