import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import { describe, expect, it } from "vitest";

import {
  contentSecurityPolicy,
  nextHeaderRules,
  securityHeaders,
} from "@/lib/security/headers.mjs";

/** Splits a CSP header into directive name → sources. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name), `directive ${name} appears twice`).toBe(false);
    directives.set(name, sources);
  }
  return directives;
}

describe("content security policy", () => {
  const production = parsePolicy(contentSecurityPolicy());
  const development = parsePolicy(contentSecurityPolicy({ dev: true }));

  it("allows scripts only from the site", () => {
    const scripts = production.get("script-src") ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-eval'");
    for (const source of scripts) {
      expect(source, "no wildcard or scheme-wide source").not.toMatch(
        /^\*|^https?:$|^data:$/,
      );
    }
  });

  it("blocks framing, plugins and foreign forms", () => {
    expect(production.get("frame-ancestors")).toEqual(["'none'"]);
    expect(production.get("object-src")).toEqual(["'none'"]);
    expect(production.get("base-uri")).toEqual(["'self'"]);
    expect(production.get("form-action")).toEqual(["'self'"]);
    expect(production.get("default-src")).toEqual(["'self'"]);
  });

  it("connects only to the site in production", () => {
    expect(production.get("connect-src")).toEqual(["'self'"]);
  });

  it("adds eval and websockets in development", () => {
    expect(development.get("script-src")).toContain("'unsafe-eval'");
    expect(development.get("connect-src")).toContain("ws:");
  });
});

describe("security headers", () => {
  const headers = new Map(
    securityHeaders().map(({ key, value }) => [key.toLowerCase(), value]),
  );

  it("sets the usual headers", () => {
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("referrer-policy")).toMatch(
      /^(no-referrer|same-origin|strict-origin(-when-cross-origin)?)$/,
    );
    expect(headers.get("permissions-policy")).toMatch(/camera=\(\)/);
    expect(headers.get("content-security-policy")).toBe(
      contentSecurityPolicy(),
    );
  });

  it("never sends HSTS on plain HTTP", () => {
    expect(headers.has("strict-transport-security")).toBe(false);
    const rules = nextHeaderRules();
    const hsts = rules.filter((rule) =>
      rule.headers.some(
        ({ key }) => key.toLowerCase() === "strict-transport-security",
      ),
    );
    expect(hsts).toHaveLength(1);
    expect(hsts[0].has).toEqual([
      { type: "header", key: "x-forwarded-proto", value: "https" },
    ]);
    const maxAge = Number(/max-age=(\d+)/.exec(hsts[0].headers[0].value)?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(365 * 24 * 3600);
  });

  it("covers every path without parameters", () => {
    const paths = ["/", "/drills/class-imbalance", "/api/ping", "/a/b/c?x=1"];
    for (const rule of nextHeaderRules()) {
      // The matcher Next.js builds for next.config rules.
      const match = getPathMatch(rule.source, {
        strict: true,
        removeUnnamedParams: true,
      });
      for (const pathname of paths) {
        expect(match(pathname.split("?")[0]), pathname).toEqual({});
      }
    }
  });
});
