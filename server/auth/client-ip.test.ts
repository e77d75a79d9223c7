import { request as httpRequest, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientIp, clientIpFromHeaders, normaliseAddress, peerHeader, trustedProxyHops } from "./client-ip";
import { stampSocketPeers } from "./stamp-socket-peers";

describe("client IP", () => {
  const forwardedFor = "203.0.113.66, 198.51.100.10, 10.0.0.2";

  it("with no trusted proxy, is the socket peer whatever X-Forwarded-For claims", () => {
    expect(clientIp({ peer: "192.0.2.5", forwardedFor }, 0)).toBe("192.0.2.5");
    expect(clientIp({ peer: "192.0.2.5", forwardedFor: "1.1.1.1" }, 0)).toBe("192.0.2.5");
    expect(clientIp({ peer: null, forwardedFor: "1.1.1.1" }, 0)).toBeNull();
  });

  it("with N trusted proxies, is the Nth address from the right", () => {
    expect(clientIp({ peer: "10.0.0.9", forwardedFor }, 1)).toBe("10.0.0.2");
    expect(clientIp({ peer: "10.0.0.9", forwardedFor }, 2)).toBe("198.51.100.10");
    expect(clientIp({ peer: "10.0.0.9", forwardedFor }, 3)).toBe("203.0.113.66");
  });

  it("ignores what a client prepends to the header", () => {
    // The client sent "6.6.6.6"; our one proxy appended the real address.
    expect(clientIp({ peer: "10.0.0.9", forwardedFor: "6.6.6.6, 203.0.113.66" }, 1)).toBe("203.0.113.66");
    expect(clientIp({ peer: "10.0.0.9", forwardedFor: "6.6.6.6,7.7.7.7 , 203.0.113.66" }, 1)).toBe("203.0.113.66");
  });

  it("takes the leftmost entry when fewer proxies than configured appended, and the peer when there is no header", () => {
    expect(clientIp({ peer: "10.0.0.9", forwardedFor: "203.0.113.66" }, 3)).toBe("203.0.113.66");
    expect(clientIp({ peer: "10.0.0.9", forwardedFor: null }, 2)).toBe("10.0.0.9");
    expect(clientIp({ peer: "10.0.0.9", forwardedFor: " , ," }, 1)).toBe("10.0.0.9");
  });

  it("is null when the chosen entry is not an address, rather than trusting a neighbour", () => {
    expect(clientIp({ peer: "10.0.0.9", forwardedFor: "203.0.113.66, unknown" }, 1)).toBeNull();
    expect(clientIp({ peer: "not an address", forwardedFor: null }, 0)).toBeNull();
  });

  it("normalises ports, brackets, IPv4-mapped IPv6 and case", () => {
    expect(normaliseAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("203.0.113.66:51234")).toBe("203.0.113.66");
    expect(normaliseAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(normaliseAddress("::1")).toBe("::1");
    expect(normaliseAddress("")).toBeNull();
    expect(normaliseAddress(undefined)).toBeNull();
    expect(normaliseAddress("1.2.3")).toBeNull();
    expect(normaliseAddress("example.com")).toBeNull();
  });

  it("reads TRUST_PROXY_HOPS strictly", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("")).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
    expect(trustedProxyHops(" 1 ")).toBe(1);
    expect(() => trustedProxyHops("-1")).toThrow(/whole number/);
    expect(() => trustedProxyHops("yes")).toThrow(/whole number/);
    expect(() => trustedProxyHops("1.5")).toThrow(/whole number/);
  });

  it("reads Fetch headers and next-auth's plain header objects alike", () => {
    const fetchHeaders = new Headers({ [peerHeader]: "192.0.2.5", "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" });
    expect(clientIpFromHeaders(fetchHeaders, 0)).toBe("192.0.2.5");
    expect(clientIpFromHeaders(fetchHeaders, 1)).toBe("6.6.6.6");
    expect(clientIpFromHeaders({ [peerHeader]: "192.0.2.5", "x-forwarded-for": "6.6.6.6" }, 0)).toBe("192.0.2.5");
    expect(clientIpFromHeaders({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" }, 0)).toBeNull();
    expect(clientIpFromHeaders(undefined, 0)).toBeNull();
  });

  it("the server writes the real socket peer over any forged peer header", async () => {
    stampSocketPeers();
    const server = createServer((req, res) => res.end(JSON.stringify(req.headers)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const seen = await new Promise<Record<string, string>>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, headers: { [peerHeader]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } }, (res) => {
          let body = "";
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () => resolve(JSON.parse(body)));
        });
        req.on("error", reject);
        req.end();
      });
      expect(normaliseAddress(seen[peerHeader])).toBe("127.0.0.1");
      expect(clientIpFromHeaders(seen, 0)).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
