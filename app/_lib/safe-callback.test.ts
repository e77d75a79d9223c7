import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback";

describe("safeCallbackUrl", () => {
  it.each([
    ["/requests/abc?x=1", "/requests/abc?x=1"],
    ["/invitations/tok", "/invitations/tok"],
    ["//evil.example/x", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["https://evil.example", "/dashboard"],
    [undefined, "/dashboard"],
  ])("%s -> %s", (input, expected) => expect(safeCallbackUrl(input)).toBe(expected));
});
