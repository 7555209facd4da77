/**
 * Checks a running production server over HTTP: the security headers on
 * pages and routes, HSTS only behind an HTTPS proxy, the session cookie's
 * attributes over HTTP and behind HTTPS, and (after traffic) that no line
 * the server printed contains a password, a session token or AUTH_SECRET.
 */
import { signIn } from "./harness";

/** One failed expectation, worded for the report. */
export type Finding = string;

const requiredHeaders: Record<string, RegExp> = {
  "content-security-policy":
    /default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/,
  "x-content-type-options": /^nosniff$/,
  "referrer-policy": /^strict-origin-when-cross-origin$/,
  "x-frame-options": /^DENY$/,
  "permissions-policy": /camera=\(\)/,
};

/**
 * Fetches a few paths with and without `x-forwarded-proto: https` and
 * signs in both ways; returns what does not hold.
 */
export async function checkHeadersAndCookies(
  origin: string,
  email: string,
  password: string,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const path of [
    "/",
    "/sign-in",
    "/api/ping",
    "/api/health",
    "/api/auth/session",
  ]) {
    const plain = await fetch(`${origin}${path}`, { redirect: "manual" });
    for (const [name, pattern] of Object.entries(requiredHeaders)) {
      const value = plain.headers.get(name) ?? "";
      if (!pattern.test(value))
        findings.push(`${path}: ${name} is "${value}", expected ${pattern}`);
    }
    if (plain.headers.has("strict-transport-security"))
      findings.push(`${path}: HSTS sent over plain HTTP`);
    if (plain.headers.has("x-powered-by"))
      findings.push(`${path}: x-powered-by is sent`);

    const proxied = await fetch(`${origin}${path}`, {
      redirect: "manual",
      headers: { "x-forwarded-proto": "https" },
    });
    if (
      !/max-age=\d{8,}/.test(
        proxied.headers.get("strict-transport-security") ?? "",
      )
    ) {
      findings.push(`${path}: no HSTS behind an HTTPS proxy`);
    }
  }

  const plain = await signIn(origin, email, password);
  const plainCookie =
    plain.setCookie.find((line) => line.startsWith("authjs.session-token=")) ??
    "";
  if (!/;\s*HttpOnly/i.test(plainCookie))
    findings.push("HTTP session cookie lacks HttpOnly");
  if (!/;\s*SameSite=Lax/i.test(plainCookie))
    findings.push("HTTP session cookie lacks SameSite=Lax");
  if (/;\s*Secure/i.test(plainCookie))
    findings.push(
      "HTTP session cookie is Secure, so it would not be sent back",
    );

  const secure = await signIn(origin, email, password, {
    "x-forwarded-proto": "https",
  });
  const secureCookie =
    secure.setCookie.find((line) =>
      line.startsWith("__Secure-authjs.session-token="),
    ) ?? "";
  if (!/;\s*Secure/i.test(secureCookie))
    findings.push(
      `session cookie behind HTTPS lacks Secure: "${secureCookie.slice(0, 60)}"`,
    );
  if (!/;\s*HttpOnly/i.test(secureCookie))
    findings.push("session cookie behind HTTPS lacks HttpOnly");
  return findings;
}

/** Names of the secrets that appear in the server's output. */
export function secretsInOutput(
  output: string,
  secrets: Record<string, string>,
): Finding[] {
  return Object.entries(secrets)
    .filter(([, value]) => value.length >= 8 && output.includes(value))
    .map(([name]) => `server output contains the ${name}`);
}
