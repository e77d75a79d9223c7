import { readdirSync } from "node:fs";
import path from "node:path";
import { unstable_doesMiddlewareMatch, unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config";
import { config, proxy } from "../../proxy";

const appDir = path.join(import.meta.dirname, "..", "..", "app");

/** Every page and route handler under app/, as a URL someone could request (dynamic segments filled in). */
function everyRoute(): string[] {
  const urls: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const name = entry.name;
        if (name.startsWith("_")) continue; // private folders (_lib, _components) are not routes
        const segment = /^\(.*\)$/.test(name) ? null : name.replace(/^\[\.\.\.(\w+)\]$/, "session").replace(/^\[(\w+)\]$/, "sample-$1");
        walk(path.join(dir, name), segment === null ? segments : [...segments, segment]);
      } else if (entry.name === "page.tsx" || entry.name === "route.ts") {
        urls.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(appDir, []);
  return urls.sort();
}

const run = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(new URL(url, "http://localhost:3000"), { headers }));
const nonceOf = (csp: string | null) => csp?.match(/'nonce-([^']+)'/)?.[1];

describe("the proxy", () => {
  const routes = everyRoute();

  it("finds every page and route of the app", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toEqual(expect.arrayContaining(["/", "/signin", "/dashboard", "/api/samples/sample-id/sds", "/api/trpc/sample-trpc", "/api/auth/session"]));
  });

  it.each(routes)("runs on %s and sets the security headers", async (url) => {
    expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true);
    const response = run(url);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    if (!url.startsWith("/api/")) {
      // Next reads the nonce from the request's policy and puts it on the scripts it renders
      expect(nonceOf(csp)).toBeTruthy();
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    } else if (url.endsWith("/pdf") || url.endsWith("/labels")) {
      expect(csp).toMatch(/^default-src 'none'/);
    } else {
      expect(csp).toMatch(/^sandbox; default-src 'none'/);
    }
  });

  it("gives every request its own nonce and still passes the path to server components", () => {
    const [a, b] = [run("/requests?page=2"), run("/requests?page=2")];
    expect(nonceOf(a.headers.get("content-security-policy"))).not.toBe(nonceOf(b.headers.get("content-security-policy")));
    expect(a.headers.get("x-middleware-request-x-lodestone-path")).toBe("/requests?page=2");
  });

  it("sandboxes a safety data sheet, whatever its uploader put in it", () => {
    expect(run("/api/samples/abc/sds").headers.get("content-security-policy")).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
  });

  it("adds HSTS when the portal is reached over https through a proxy", () => {
    expect(run("/dashboard").headers.get("strict-transport-security")).toBeNull();
    expect(run("/dashboard", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toMatch(/^max-age=/);
    expect(run("/api/health", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toMatch(/^max-age=/);
  });

  it("leaves Next's static files to next.config.ts, which sends them the fixed headers", async () => {
    for (const url of ["/_next/static/chunks/main.js", "/icons/icon.svg", "/favicon.ico"]) {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false);
      const response = await unstable_getResponseFromNextConfig({ url: `http://localhost:3000${url}`, nextConfig });
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });
});

describe("request bodies are capped before they are read", () => {
  const post = (url: string, bytes: number) => proxy(new NextRequest(new URL(url, "http://localhost:3000"), { method: "POST", headers: { "content-length": String(bytes), "content-type": "application/json" } }));

  it.each([
    ["/api/trpc/samples.register", 8 * 1024 * 1024 + 1, "A request to the portal may carry at most 8 MB; this one declared 8,388,609 bytes."],
    ["/api/trpc/samples.register", 50 * 1024 * 1024, "A request to the portal may carry at most 8 MB; this one declared 50 MB."],
    ["/api/webhooks/stripe", 2 * 1024 * 1024, "A webhook event may carry at most 1 MB; this one declared 2 MB."],
    ["/api/auth/callback/credentials", 40_000, "A sign-in request may carry at most 32 KB; this one declared 40 KB."],
    ["/signin/submit", 33 * 1024, "A sign-in request may carry at most 32 KB; this one declared 33 KB."],
    ["/requests/new", 3 * 1024 * 1024, "A request may carry at most 1 MB; this one declared 3 MB."],
    ["/api/runs/run-id/series", 48 * 1024 * 1024 + 1, "An upload to a run may carry at most 48 MB; this one declared 50,331,649 bytes."],
    ["/api/runs/run-id/series", 200 * 1024 * 1024, "An upload to a run may carry at most 48 MB; this one declared 200 MB."],
  ])("refuses a body of %s bytes declared too large for %s with 413 and a clear message, with the security headers", async (url, bytes, message) => {
    const response = post(url, bytes);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: message });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("lets a body within its route's cap through, up to the last byte (a 5 MB safety data sheet, base64-encoded, fits a tRPC call)", () => {
    expect(post("/api/trpc/samples.register", Math.ceil((5 * 1024 * 1024 * 4) / 3) + 4096).status).toBe(200);
    expect(post("/api/webhooks/stripe", 1024 * 1024).status).toBe(200);
    expect(post("/api/auth/callback/credentials", 32 * 1024).status).toBe(200);
    // a million-row instrument export (about 44 MB) uploaded into a run
    expect(post("/api/runs/run-id/series", 48 * 1024 * 1024).status).toBe(200);
    expect(run("/dashboard").status).toBe(200);
  });

  it("Next never buffers more for the proxy than the largest body a route accepts", () => {
    // the largest cap: a CSV export uploaded into a run (/api/runs/)
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(48 * 1024 * 1024);
  });
});
