import { describe, expect, it } from "vitest";
import type { Actor } from "../access/actor";
import { assertMailProviderConfigured, mayReadDevMailbox } from "./dev-mailbox";

const demo = { NODE_ENV: "production", LODESTONE_DEV_MAILBOX: "1" };
const member = (role: "PLATFORM_ADMIN" | "FACILITY_ADMIN"): Actor => ({
  kind: "user", userId: "u1", email: "a@test.example", name: "A", memberships: [{ organisationId: "o1", organisationName: "O", organisationKind: "FACILITY", role }],
});
const anonymous: Actor = { kind: "anonymous" };

describe("who may read the dev mailbox", () => {
  it("anyone on a loopback demo: a loopback socket, and X-Forwarded-For empty or loopback (Next fills it with the peer)", () => {
    expect(mayReadDevMailbox(anonymous, { peer: "127.0.0.1", forwardedFor: null }, demo)).toBe(true);
    expect(mayReadDevMailbox(anonymous, { peer: "::ffff:127.0.0.1", forwardedFor: "::ffff:127.0.0.1" }, demo)).toBe(true);
    expect(mayReadDevMailbox(anonymous, { peer: "::1", forwardedFor: "::1" }, { NODE_ENV: "development" })).toBe(true);
  });

  it("no one else from another address, nor through a proxy on the same machine", () => {
    expect(mayReadDevMailbox(anonymous, { peer: "203.0.113.9", forwardedFor: null }, demo)).toBe(false);
    expect(mayReadDevMailbox(member("FACILITY_ADMIN"), { peer: "203.0.113.9", forwardedFor: "203.0.113.9" }, demo)).toBe(false);
    expect(mayReadDevMailbox(anonymous, { peer: "127.0.0.1", forwardedFor: "203.0.113.9" }, demo)).toBe(false);
    expect(mayReadDevMailbox(anonymous, { peer: null, forwardedFor: "127.0.0.1" }, demo)).toBe(false);
  });

  it("a platform admin from anywhere, while the mailbox is in use", () => {
    expect(mayReadDevMailbox(member("PLATFORM_ADMIN"), { peer: "203.0.113.9", forwardedFor: null }, demo)).toBe(true);
  });

  it("nobody when mail goes to Resend, or in production not told to keep mail here", () => {
    expect(mayReadDevMailbox(member("PLATFORM_ADMIN"), { peer: "127.0.0.1", forwardedFor: null }, { ...demo, RESEND_API_KEY: "re_x" })).toBe(false);
    expect(mayReadDevMailbox(anonymous, { peer: "127.0.0.1", forwardedFor: null }, { NODE_ENV: "production" })).toBe(false);
  });
});

describe("the mail check at start", () => {
  it("stops a production server with no mail provider, saying what to set", () => {
    expect(() => assertMailProviderConfigured({ NODE_ENV: "production" })).toThrow(/RESEND_API_KEY.*LODESTONE_DEV_MAILBOX=1/s);
  });

  it("lets production start with Resend, or when told explicitly to keep mail in the mailbox; anything outside production starts", () => {
    expect(() => assertMailProviderConfigured({ NODE_ENV: "production", RESEND_API_KEY: "re_x" })).not.toThrow();
    expect(() => assertMailProviderConfigured(demo)).not.toThrow();
    expect(() => assertMailProviderConfigured({ NODE_ENV: "production", LODESTONE_DEV_MAILBOX: "true" })).toThrow();
    expect(() => assertMailProviderConfigured({ NODE_ENV: "development" })).not.toThrow();
  });
});
