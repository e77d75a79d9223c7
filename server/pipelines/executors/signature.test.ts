import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bodySha256Hex, canonicalString, newNonce, readSignedHeaders, signRequest, verifyRequest, type HeaderSource } from "./signature";

const now = new Date("2027-03-01T10:00:00Z");
const nowSeconds = now.getTime() / 1000;
const keyId = "lxk_test-key-0001";
const secret = "Xq3d0xk1-5mYw2lO0b7r3a8KpQnV4tZc9eHfGjLsUuA";
const path = "/api/executors/complete";
const body = JSON.stringify({ stepId: "cmstep1", attempt: 1, files: [{ name: "volume.tif", uri: "s3://bucket/vol.tif", sizeBytes: 10, sha256: "a".repeat(64) }] });

const signed = (over: { body?: string; secret?: string; timestamp?: number; nonce?: string; method?: string; path?: string } = {}) =>
  signRequest({ keyId, secret: over.secret ?? secret, method: over.method ?? "POST", path: over.path ?? path, body: over.body ?? body, now, timestamp: over.timestamp, nonce: over.nonce ?? "nonce-0123456789abcdef" });

const verify = (headers: HeaderSource, over: { body?: string | Uint8Array; method?: string; path?: string; secret?: string; now?: Date } = {}) =>
  verifyRequest({ method: over.method ?? "POST", path: over.path ?? path, body: over.body ?? body, headers, secret: over.secret ?? secret, now: over.now ?? now });

describe("the canonical string", () => {
  it("is METHOD, path, timestamp, nonce and the body's SHA-256, one per line", () => {
    const sha = createHash("sha256").update(body).digest("hex");
    expect(canonicalString({ method: "post", path, timestamp: 1700000000, nonce: "n".repeat(16), body })).toBe(`POST\n${path}\n1700000000\n${"n".repeat(16)}\n${sha}`);
    expect(bodySha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(bodySha256Hex(new TextEncoder().encode("é"))).toBe(bodySha256Hex("é"));
  });

  it("is signed with HMAC-SHA256 keyed by the secret's text, as openssl would (documented for runners)", () => {
    const headers = signed({ timestamp: 1700000000 });
    const expected = createHmac("sha256", secret).update(canonicalString({ method: "POST", path, timestamp: 1700000000, nonce: "nonce-0123456789abcdef", body })).digest("hex");
    expect(headers).toEqual({ "X-Lodestone-Key": keyId, "X-Lodestone-Timestamp": "1700000000", "X-Lodestone-Nonce": "nonce-0123456789abcdef", "X-Lodestone-Signature": `v1=${expected}` });
  });

  it("stamps the request with now and a fresh nonce unless told", () => {
    const a = signRequest({ keyId, secret, method: "POST", path, body, now });
    const b = signRequest({ keyId, secret, method: "POST", path, body, now });
    expect(a["X-Lodestone-Timestamp"]).toBe(String(nowSeconds));
    expect(a["X-Lodestone-Nonce"]).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(a["X-Lodestone-Nonce"]).not.toBe(b["X-Lodestone-Nonce"]);
    expect(newNonce()).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });
});

describe("verifying a request", () => {
  it("accepts the request as signed, with Headers or a plain object in any case", () => {
    expect(verify(signed())).toEqual({ ok: true });
    expect(verify(new Headers(signed()))).toEqual({ ok: true });
    const lower = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verify(lower)).toEqual({ ok: true });
    expect(verify(signed(), { method: "post" })).toEqual({ ok: true });
    expect(verify(signed(), { body: new TextEncoder().encode(body) })).toEqual({ ok: true });
  });

  it("accepts the signature's hex in upper case too", () => {
    const headers = signed();
    expect(verify({ ...headers, "X-Lodestone-Signature": headers["X-Lodestone-Signature"]!.replace(/^v1=(.*)$/, (_, hex: string) => `v1=${hex.toUpperCase()}`) })).toEqual({ ok: true });
  });

  it("refuses an altered body, even by one byte or one trailing newline", () => {
    expect(verify(signed(), { body: body.replace("volume", "Volume") })).toMatchObject({ ok: false, code: "bad_signature" });
    expect(verify(signed(), { body: `${body}\n` })).toMatchObject({ ok: false, code: "bad_signature" });
    expect(verify(signed(), { body: "" })).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("refuses an altered path or method", () => {
    expect(verify(signed(), { path: "/api/executors/fail" })).toMatchObject({ ok: false, code: "bad_signature" });
    expect(verify(signed(), { path: `${path}/` })).toMatchObject({ ok: false, code: "bad_signature" });
    expect(verify(signed(), { method: "PUT" })).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("refuses a request signed with another secret", () => {
    expect(verify(signed({ secret: "another-secret-of-the-same-length-0000000000" }))).toMatchObject({ ok: false, code: "bad_signature", reason: expect.stringContaining("does not match") });
    expect(verify(signed(), { secret: `${secret}x` })).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("refuses a signed header changed after signing (timestamp or nonce)", () => {
    const headers = signed();
    expect(verify({ ...headers, "X-Lodestone-Timestamp": String(nowSeconds - 1) })).toMatchObject({ ok: false, code: "bad_signature" });
    expect(verify({ ...headers, "X-Lodestone-Nonce": "nonce-0123456789abcdeF" })).toMatchObject({ ok: false, code: "bad_signature" });
  });

  it("accepts a timestamp up to 300 s either side of now, and refuses beyond", () => {
    expect(verify(signed({ timestamp: nowSeconds - 300 }))).toEqual({ ok: true });
    expect(verify(signed({ timestamp: nowSeconds + 300 }))).toEqual({ ok: true });
    expect(verify(signed({ timestamp: nowSeconds - 301 }))).toMatchObject({ ok: false, code: "stale_timestamp", reason: expect.stringContaining("301 s old") });
    expect(verify(signed({ timestamp: nowSeconds - 86_400 }))).toMatchObject({ ok: false, code: "stale_timestamp" });
    expect(verify(signed({ timestamp: nowSeconds + 301 }))).toMatchObject({ ok: false, code: "future_timestamp", reason: expect.stringContaining("301 s ahead") });
    expect(verify(signed({ timestamp: 0 }))).toMatchObject({ ok: false, code: "stale_timestamp" });
    // The same request, checked later, has gone stale.
    expect(verify(signed(), { now: new Date(now.getTime() + 301_000) })).toMatchObject({ ok: false, code: "stale_timestamp" });
  });

  it("refuses a timestamp that is not whole seconds", () => {
    for (const value of ["", "abc", "1700000000.5", "-1700000000", "1e9", " 1700000000", `${nowSeconds * 1000}000`, "0x10"]) {
      const headers = { ...signed(), "X-Lodestone-Timestamp": value };
      expect(verify(headers), value).toMatchObject({ ok: false, code: value === "" ? "missing_header" : "malformed_timestamp" });
    }
    // Milliseconds instead of seconds: the message says so.
    expect(verify(signed({ timestamp: nowSeconds * 1000 }))).toMatchObject({ ok: false, code: "malformed_timestamp", reason: expect.stringContaining("not milliseconds") });
  });

  it("refuses a nonce that is too short, too long or has other characters", () => {
    for (const nonce of ["short", "a".repeat(15), "a".repeat(65), "nonce with spaces 0123", "nonce/0123456789abcdef", "nonce=0123456789abcdef", "nonce.0123456789abcdef", "ñonce-0123456789abcdef"]) {
      expect(verify(signed({ nonce })), nonce).toMatchObject({ ok: false, code: "malformed_nonce" });
    }
    for (const nonce of ["a".repeat(16), "Z".repeat(64), "A-b_c-0123456789"]) expect(verify(signed({ nonce })), nonce).toEqual({ ok: true });
  });

  it("refuses a signature in another encoding or version", () => {
    const headers = signed();
    const hex = headers["X-Lodestone-Signature"]!.slice(3);
    for (const value of [hex, `v2=${hex}`, `V1=${hex}`, `v1=${hex.slice(0, 63)}`, `v1=${hex}0`, `v1=${hex.slice(0, 62)}zz`, `v1=${Buffer.from(hex, "hex").toString("base64")}`, `v1= ${hex}`, `v1=${hex},v1=${hex}`]) {
      expect(verify({ ...headers, "X-Lodestone-Signature": value }), value).toMatchObject({ ok: false, code: "malformed_signature" });
    }
  });

  it("refuses a request missing any of the four headers, naming them", () => {
    const headers = signed();
    for (const name of Object.keys(headers)) {
      const without = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
      expect(verify(without), name).toMatchObject({ ok: false, code: "missing_header", reason: expect.stringContaining(name) });
    }
    expect(verify({})).toMatchObject({ ok: false, code: "missing_header", reason: expect.stringContaining("X-Lodestone-Key, X-Lodestone-Timestamp, X-Lodestone-Nonce, X-Lodestone-Signature are missing") });
  });

  it("refuses a malformed key id", () => {
    for (const value of ["short", "key with space", "k".repeat(65), "key/0123456789"]) expect(verify({ ...signed(), "X-Lodestone-Key": value }), value).toMatchObject({ ok: false, code: "malformed_key" });
  });

  it("refuses a header sent twice rather than pick one", () => {
    const headers = signed();
    const repeated = new Headers(headers);
    repeated.append("X-Lodestone-Signature", headers["X-Lodestone-Signature"]!);
    expect(verify(repeated)).toMatchObject({ ok: false, code: "malformed_signature" });
    expect(verify({ ...headers, "x-lodestone-nonce": headers["X-Lodestone-Nonce"] })).toMatchObject({ ok: false, code: "malformed_nonce" });
    expect(verify({ ...headers, "X-Lodestone-Timestamp": [String(nowSeconds), String(nowSeconds)] })).toMatchObject({ ok: false, code: "malformed_timestamp" });
  });

  it("reads the headers for the key lookup without checking the signature", () => {
    const read = readSignedHeaders(new Headers(signed()));
    expect(read).toMatchObject({ ok: true, value: { keyId, timestamp: nowSeconds, nonce: "nonce-0123456789abcdef" } });
    expect(read.ok && read.value.signature.length).toBe(32);
  });
});
