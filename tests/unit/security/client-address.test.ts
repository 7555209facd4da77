import { describe, expect, it } from "vitest";

import {
  clientAddress,
  configuredProxyHops,
  normalizeAddress,
  parseTrustedProxyHops,
} from "@/lib/auth/client-address";

function forwardedFor(value: string): Headers {
  return new Headers({ "x-forwarded-for": value });
}

describe("parseTrustedProxyHops", () => {
  it("reads unset and empty as no proxy", () => {
    expect(parseTrustedProxyHops(undefined)).toBe(0);
    expect(parseTrustedProxyHops("")).toBe(0);
    expect(parseTrustedProxyHops(" ")).toBe(0);
  });

  it("reads a hop count", () => {
    expect(parseTrustedProxyHops("0")).toBe(0);
    expect(parseTrustedProxyHops("1")).toBe(1);
    expect(parseTrustedProxyHops("10")).toBe(10);
  });

  it("rejects values that are not a hop count", () => {
    for (const value of ["-1", "1.5", "one", "11", "true"]) {
      expect(() => parseTrustedProxyHops(value), value).toThrow(RangeError);
      expect(() => parseTrustedProxyHops(value), value).toThrow(
        `TRUST_PROXY_HOPS is "${value}"`,
      );
    }
  });

  it("falls back to no proxy on an invalid setting", () => {
    expect(configuredProxyHops({ TRUST_PROXY_HOPS: "lots" })).toBe(0);
    expect(configuredProxyHops({ TRUST_PROXY_HOPS: "2" })).toBe(2);
  });
});

describe("clientAddress", () => {
  it("ignores X-Forwarded-For without a trusted proxy", () => {
    expect(clientAddress(forwardedFor("203.0.113.9"), 0)).toBeNull();
    expect(
      clientAddress(forwardedFor("198.51.100.1, 203.0.113.9"), 0),
    ).toBeNull();
  });

  it("takes the entry the trusted proxy appended", () => {
    // The client wrote 198.51.100.1 itself; the one proxy appended the
    // address it saw.
    const headers = forwardedFor("198.51.100.1, 203.0.113.9");
    expect(clientAddress(headers, 1)).toBe("203.0.113.9");
  });

  it("counts hops from the right", () => {
    const headers = forwardedFor("198.51.100.1, 203.0.113.9, 10.0.0.2");
    expect(clientAddress(headers, 2)).toBe("203.0.113.9");
    expect(clientAddress(headers, 3)).toBe("198.51.100.1");
  });

  it("takes the leftmost entry when hops exceed entries", () => {
    expect(clientAddress(forwardedFor("203.0.113.9"), 3)).toBe("203.0.113.9");
  });

  it("joins repeated headers in order", () => {
    const headers = new Headers();
    headers.append("x-forwarded-for", "198.51.100.1");
    headers.append("x-forwarded-for", "203.0.113.9");
    expect(clientAddress(headers, 1)).toBe("203.0.113.9");
  });

  it("returns null without a usable entry", () => {
    expect(clientAddress(new Headers(), 1)).toBeNull();
    expect(clientAddress(null, 1)).toBeNull();
    expect(clientAddress(forwardedFor(" , "), 1)).toBeNull();
    expect(clientAddress(forwardedFor("unknown"), 1)).toBeNull();
  });
});

describe("normalizeAddress", () => {
  it("keeps IPv4 and drops a port", () => {
    expect(normalizeAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeAddress("203.0.113.9:51234")).toBe("203.0.113.9");
  });

  it("maps IPv4-mapped IPv6 to IPv4", () => {
    expect(normalizeAddress("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeAddress("[::ffff:cb00:7109]:443")).toBe("203.0.113.9");
  });

  it("reduces IPv6 to its /64 prefix", () => {
    expect(normalizeAddress("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe(
      "2001:db8:1:2::/64",
    );
    expect(normalizeAddress("2001:DB8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("[2001:db8::7]:8443")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
  });

  it("returns null for text that is not an address", () => {
    for (const entry of ["", "localhost", "203.0.113", "2001:db8::g"]) {
      expect(normalizeAddress(entry), entry).toBeNull();
    }
  });
});
