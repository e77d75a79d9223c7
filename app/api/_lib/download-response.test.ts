import { describe, expect, it } from "vitest";
import { fileResponse } from "./download-response";

const bytes = new TextEncoder().encode("<html><script>alert(1)</script></html>");

describe("file downloads", () => {
  it("save an uploaded file rather than show it, sandboxed and never sniffed into HTML", () => {
    const response = fileResponse({ pdf: bytes, filename: "sds <x>.pdf", userFile: true });
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="sds__x_.pdf"');
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("show a document the portal generated in the browser unless it asks to be saved", () => {
    expect(fileResponse({ pdf: bytes, filename: "invoice.pdf" }).headers.get("content-disposition")).toBe('inline; filename="invoice.pdf"');
    expect(fileResponse({ pdf: bytes, filename: "ledger.csv", attachment: true, contentType: "text/csv" }).headers.get("content-disposition")).toMatch(/^attachment/);
  });
});
