// A signed-in HTTP client of the portal: next-auth credentials sign-in, then
// tRPC calls with the session cookie, as the browser makes them (superjson, no batching).

export class PortalClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  /** GET /api/auth/csrf, then POST the password form; keeps the session cookie. Once per client (the sign-in rate limiter). */
  static async signIn(baseUrl: string, email: string, password: string): Promise<PortalClient> {
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password, json: "true" });
    const response = await fetch(`${baseUrl}/api/auth/callback/password`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
      body: form,
      redirect: "manual",
    });
    const session = cookiesOf(response).find((c) => c.startsWith("next-auth.session-token="));
    if (!session) throw new Error(`Sign-in as ${email} failed (HTTP ${response.status}): ${(await response.text()).slice(0, 300)}`);
    return new PortalClient(baseUrl, session);
  }

  /** POST /api/trpc/<path>; resolves with the result, rejects with the procedure's error message. */
  mutation<T>(path: string, input: unknown): Promise<T> {
    return this.call<T>(`${this.baseUrl}/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", cookie: this.cookie }, body: JSON.stringify({ json: input }) });
  }

  /** GET /api/trpc/<path>?input=… */
  query<T>(path: string, input: unknown): Promise<T> {
    return this.call<T>(`${this.baseUrl}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { cookie: this.cookie } });
  }

  private async call<T>(url: string, init: RequestInit): Promise<T> {
    const response = await fetch(url, init);
    const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
    if (!response.ok || !body.result) throw new Error(`HTTP ${response.status}: ${body.error?.json.message ?? "no result"}`);
    return body.result.data.json;
  }
}

/** "name=value" pairs of the response's Set-Cookie headers. */
function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}
