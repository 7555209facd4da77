// Plain JavaScript with JSDoc types, because next.config.mjs imports it
// before any TypeScript loader runs; headers.d.mts gives TypeScript the
// same types.

/**
 * Builds the Content-Security-Policy of every response.
 *
 * Scripts: 'self' plus 'unsafe-inline'. Next.js 16 writes inline scripts
 * that carry the React Server Components payload into every page
 * (`self.__next_f.push(...)`). Without a per-request nonce the browser runs
 * them only under 'unsafe-inline'. A nonce would need a proxy.ts that
 * makes every page dynamic, and would still leave the app's own markup as
 * the thing to trust: React escapes every value it renders and the app
 * sets no raw HTML from users. Development adds 'unsafe-eval', which React
 * uses there for its debugging stacks, and WebSocket connections for hot
 * reload.
 *
 * Styles: 'self' plus 'unsafe-inline', because Next.js inlines critical
 * CSS and Recharts sets style attributes.
 *
 * @param {{ dev?: boolean }} [options]
 * @returns {string} the header value, directives separated by "; ".
 */
export function contentSecurityPolicy({ dev = false } = {}) {
  /** @type {Record<string, string[]>} */
  const directives = {
    "default-src": ["'self'"],
    "script-src": [
      "'self'",
      "'unsafe-inline'",
      ...(dev ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * Lists the security headers sent on every response, the
 * Content-Security-Policy first.
 *
 * @param {{ dev?: boolean }} [options]
 * @returns {{ key: string, value: string }[]}
 */
export function securityHeaders({ dev = false } = {}) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // Older browsers read X-Frame-Options; newer ones frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    {
      key: "Permissions-Policy",
      value:
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

/**
 * Strict-Transport-Security: two years, subdomains included. Sent only on
 * requests that reached the proxy over HTTPS, because a browser that got
 * it over plain HTTP on a local address would refuse that address later.
 */
export const strictTransportSecurity = {
  key: "Strict-Transport-Security",
  value: "max-age=63072000; includeSubDomains",
};

/**
 * Source pattern of the rules below: every path, through an unnamed group.
 * Next.js drops unnamed groups from a rule's parameters, and with no
 * parameters it sends the header values as written. A named pattern such
 * as "/:path*" makes it compile every value containing ":" (the CSP's
 * "data:" and "blob:") as a path template on each request.
 */
const everyPath = "/(.*)";

/**
 * Returns the rules of next.config's headers(): the security headers on
 * every path, and HSTS on requests whose `x-forwarded-proto` is https (set
 * by the TLS-terminating proxy in front of the app).
 *
 * @param {{ dev?: boolean }} [options]
 */
export function nextHeaderRules({ dev = false } = {}) {
  return [
    { source: everyPath, headers: securityHeaders({ dev }) },
    {
      source: everyPath,
      has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
      headers: [strictTransportSecurity],
    },
  ];
}
