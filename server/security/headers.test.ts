import { describe, expect, it } from "vitest";
import { newNonce, responseKindOf, securityHeaders, servedOverHttps } from "./headers";

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
const page = (over: Partial<Parameters<typeof securityHeaders>[0]> = {}) => securityHeaders({ pathname: "/dashboard", nonce: "bm9uY2U=", https: false, dev: false, ...over });

describe("security headers", () => {
  it("give pages a nonce-based script policy that never allows inline scripts or eval", () => {
    const csp = directives(page()["content-security-policy"]!);
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    // style="" attributes need 'unsafe-inline', which a nonce in style-src would switch off
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("allow eval only in development, where React's debugging stacks need it", () => {
    expect(directives(page({ dev: true })["content-security-policy"]!).get("script-src")).toContain("'unsafe-eval'");
    expect(page()["content-security-policy"]).not.toContain("unsafe-eval");
  });

  it("send HSTS and upgrade requests only over https", () => {
    expect(page()).not.toHaveProperty("strict-transport-security");
    expect(page()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(page({ https: true })["strict-transport-security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(page({ https: true })["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("set the fixed headers on every kind of response", () => {
    for (const pathname of ["/", "/api/trpc/requests.list", "/api/invoices/x/pdf", "/api/samples/x/sds"]) {
      expect(page({ pathname })).toMatchObject({
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "x-frame-options": "DENY",
      });
    }
  });

  it("sandbox API responses and uploaded files, and let generated PDFs open in the browser's viewer", () => {
    expect(page({ pathname: "/api/samples/abc/sds" })["content-security-policy"]).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
    expect(page({ pathname: "/api/trpc/x" })["content-security-policy"]).toMatch(/^sandbox; default-src 'none'/);
    const pdf = directives(page({ pathname: "/api/invoices/abc/pdf" })["content-security-policy"]!);
    expect(pdf.has("sandbox")).toBe(false);
    expect(pdf.get("default-src")).toEqual(["'none'"]);
    expect(pdf.get("frame-ancestors")).toEqual(["'none'"]);
    expect(pdf.get("script-src")).toBeUndefined();
  });

  it("tell pages, generated documents and the rest of the API apart by path", () => {
    expect(responseKindOf("/signin")).toBe("page");
    expect(responseKindOf("/apiary")).toBe("page");
    expect(responseKindOf("/api/requests/abc/pdf")).toBe("document");
    expect(responseKindOf("/api/shipments/abc/labels")).toBe("document");
    expect(responseKindOf("/api/samples/abc/sds")).toBe("api");
    expect(responseKindOf("/api/ical/abc.ics")).toBe("api");
  });

  it("make a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("recognise https behind a proxy or from the configured public address", () => {
    expect(servedOverHttps(new URL("https://portal.example/"), null, undefined)).toBe(true);
    expect(servedOverHttps(new URL("http://10.0.0.2:3000/"), "https", undefined)).toBe(true);
    expect(servedOverHttps(new URL("http://10.0.0.2:3000/"), null, "https://portal.example")).toBe(true);
    expect(servedOverHttps(new URL("http://localhost:3000/"), null, "http://localhost:3000")).toBe(false);
  });
});
