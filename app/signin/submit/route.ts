import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { signInErrorCodeFor } from "@/server/auth/messages";
import { safeCallbackUrl } from "../../_lib/safe-callback";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * POST /signin/submit: the sign-in form without JavaScript (scripts off, or clicked before they
 * loaded). The form posts here instead of falling back to a GET that would put the password in
 * the address bar. next-auth's own callback wants a CSRF cookie that a page served without
 * scripts never received, so this runs next-auth in-process with a fresh token and checks
 * instead that the post came from this site (against login CSRF), as server actions do.
 */
export async function POST(request: NextRequest) {
  const form = await request.formData();
  const field = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  const callbackUrl = safeCallbackUrl(field("callbackUrl"));
  const backToForm = (code: string) => seeOther(`/signin?${new URLSearchParams({ callbackUrl, error: code })}`);
  if (!fromThisSite(request)) return backToForm("OtherSite");

  const cookies = Object.fromEntries(request.cookies.getAll().map((c) => [c.name, c.value]));
  const headers = Object.fromEntries(request.headers);
  const csrf = await runNextAuth(["csrf"], { method: "GET", cookies, headers });
  for (const cookie of csrf.cookies) cookies[cookie.name] = cookie.value;
  const csrfToken = (csrf.body as { csrfToken?: string } | undefined)?.csrfToken ?? "";

  const result = await runNextAuth(["callback", "password"], {
    method: "POST",
    body: { csrfToken, email: field("email"), password: field("password"), callbackUrl },
    cookies,
    headers,
  });
  if (!result.cookies.some((c) => c.name.endsWith("next-auth.session-token"))) {
    const error = new URL(result.location ?? "/", "http://lodestone.invalid").searchParams.get("error");
    // Failures travel as codes the page words (it shows no other text): the address then never
    // reads "password", even in a message.
    return backToForm(signInErrorCodeFor(error));
  }
  const response = seeOther(callbackUrl);
  for (const line of result.setCookie) response.headers.append("set-cookie", line);
  return response;
}

export function GET() {
  return seeOther("/signin");
}

/** After a form post the browser fetches the next page with GET: 303. A relative location keeps the public host. */
function seeOther(location: string) {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/** Browsers send Sec-Fetch-Site (or at least Origin) with every form post; another site's form is refused. */
function fromThisSite(request: NextRequest): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

interface NextAuthCall { method: "GET" | "POST"; body?: Record<string, string>; cookies: Record<string, string>; headers: Record<string, string> }

/** next-auth's handler in its documented Pages-API form, with the response captured rather than sent. */
async function runNextAuth(action: string[], call: NextAuthCall) {
  let location: string | undefined;
  let setCookie: string[] = [];
  let body: unknown;
  const res = {
    status: () => res,
    setHeader(name: string, value: string | string[]) {
      if (name.toLowerCase() === "location") location = String(value);
      if (name.toLowerCase() === "set-cookie") setCookie = [value].flat();
      return res;
    },
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? setCookie : undefined),
    end: () => res,
    send: (value: unknown) => { body = value; return res; },
    json: (value: unknown) => { body = value; return res; },
  };
  await NextAuth({ query: { nextauth: action }, ...call } as unknown as NextApiRequest, res as unknown as NextApiResponse, authOptions);
  const cookies = setCookie.map((line) => {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: decodeURIComponent(pair.slice(at + 1)) };
  });
  return { location, setCookie, cookies, body };
}
