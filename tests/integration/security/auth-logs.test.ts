/**
 * Runs sign-up and sign-in through the app's Auth.js configuration
 * (lib/auth.ts) and checks the session cookie's attributes, and that no
 * log line of pino or of the console carries the password, the session
 * token, the password hash or AUTH_SECRET.
 *
 * next-auth's ES build cannot load outside Next.js (it imports
 * "next/server" without an extension), so its NextAuth() is replaced by the
 * thin layer it adds over @auth/core: the same configuration goes to
 * @auth/core's Auth(), which sets the cookies and runs authorize().
 */
import { randomBytes, randomUUID } from "node:crypto";

import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { prisma } from "../helpers/db";

const secret = randomBytes(32).toString("base64url");
process.env.AUTH_SECRET = secret;

vi.mock("next-auth", async () => {
  const core = await import("@auth/core");
  const errors = await import("@auth/core/errors");
  const { redirect } = await import("next/navigation");

  return {
    AuthError: errors.AuthError,
    CredentialsSignin: errors.CredentialsSignin,
    default: (config: Parameters<typeof core.Auth>[1]) => {
      const prepared = () => {
        const copy = { ...config, basePath: "/api/auth" };
        core.setEnvDefaults(process.env, copy);
        return copy;
      };
      const handler = (request: Request) => core.Auth(request, prepared());
      return {
        handlers: { GET: handler, POST: handler },
        auth: async () => null,
        // Server-side sign-in as next-auth does it: the credentials callback.
        signIn: async (
          _provider: string,
          options: { email: string; password: string; redirectTo?: string },
        ) => {
          const response = await signInThroughHandler(
            handler,
            options.email,
            options.password,
          );
          if (!response.ok) throw new errors.CredentialsSignin();
          redirect(options.redirectTo ?? "/");
        },
        signOut: async () => redirect("/"),
      };
    },
  };
});

/** Cookies of a response as name → Set-Cookie line. */
function setCookies(response: Response): Map<string, string> {
  return new Map(
    response.headers
      .getSetCookie()
      .map((line) => [line.split("=")[0], line] as [string, string]),
  );
}

function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies.values()].map((line) => line.split(";")[0]).join("; ");
}

type Handler = (request: Request) => Promise<Response>;

/** Returns the configured POST handler, typed for the plain Request the mock above accepts. */
async function postHandler(): Promise<Handler> {
  const { handlers } = await import("@/lib/auth");
  return handlers.POST as unknown as Handler;
}

/**
 * Signs in through the handlers: fetches a CSRF token, posts the
 * credentials. ok is true when Auth.js set a session cookie.
 */
async function signInThroughHandler(
  handler: Handler,
  email: string,
  password: string,
  options: { origin?: string; headers?: Record<string, string> } = {},
) {
  const origin = options.origin ?? "http://127.0.0.1:3000";
  const csrfResponse = await handler(
    new Request(`${origin}/api/auth/csrf`, { headers: options.headers }),
  );
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = setCookies(csrfResponse);

  const response = await handler(
    new Request(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: {
        ...options.headers,
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader(csrfCookies),
      },
      body: new URLSearchParams({
        email,
        password,
        csrfToken,
        callbackUrl: `${origin}/drills`,
      }),
      redirect: "manual",
    }),
  );
  const cookies = setCookies(response);
  const sessionName = [...cookies.keys()].find((name) =>
    name.endsWith("authjs.session-token"),
  );
  return {
    ok: sessionName !== undefined,
    sessionCookie: sessionName ? cookies.get(sessionName)! : null,
    sessionToken: sessionName
      ? cookies.get(sessionName)!.split(";")[0].split("=").slice(1).join("=")
      : null,
    location: response.headers.get("location") ?? "",
  };
}

const captured: string[] = [];
const consoleMethods = ["log", "info", "warn", "error", "debug"] as const;

beforeAll(async () => {
  const { log } = await import("@/lib/log");
  // Every pino line of the app's logger goes to `captured` instead of stdout.
  const stream = { write: (line: string) => void captured.push(line) };
  (log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = stream;
  log.level = "trace";
  for (const method of consoleMethods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(
        args
          .map((arg) =>
            arg instanceof Error
              ? `${arg.message} ${arg.stack}`
              : typeof arg === "string"
                ? arg
                : JSON.stringify(arg),
          )
          .join(" "),
      );
    });
  }
  const { resetDatabase } = await import("../helpers/db");
  await resetDatabase();
});

afterAll(async () => {
  vi.restoreAllMocks();
  await prisma.$disconnect();
});

describe("sign-up and sign-in", () => {
  const email = `signup-${randomUUID().slice(0, 8)}@example.test`;
  const password = `Pw-${randomBytes(9).toString("base64url")}-7`;
  const tokens: string[] = [];

  it("signs up and lands signed in", async () => {
    const { signUpAction } = await import("@/app/sign-in/actions");
    let location = "";
    try {
      const result = await signUpAction.run(
        { name: "Sign Up", email, password },
        { user: null },
      );
      expect(result).toEqual({ ok: true });
    } catch (error) {
      location = String((error as { digest?: string }).digest);
    }
    expect(location).toMatch(/^NEXT_REDIRECT;.*;\/drills;/);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("sets an HttpOnly SameSite=Lax cookie over HTTP", async () => {
    const handler = await postHandler();
    const signedIn = await signInThroughHandler(handler, email, password);
    expect(signedIn.ok).toBe(true);
    tokens.push(signedIn.sessionToken!);
    const attributes = signedIn.sessionCookie!.toLowerCase();
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
  });

  it("marks the cookie Secure behind an HTTPS proxy", async () => {
    const handler = await postHandler();
    // Next.js 16 builds request.url with https when the proxy sends
    // x-forwarded-proto: https, so the handler sees an https URL.
    const signedIn = await signInThroughHandler(handler, email, password, {
      origin: "https://drillbook.example",
      headers: {
        "x-forwarded-proto": "https",
        "x-forwarded-host": "drillbook.example",
      },
    });
    expect(signedIn.ok).toBe(true);
    tokens.push(signedIn.sessionToken!);
    expect(signedIn.sessionCookie).toMatch(/^__Secure-authjs\.session-token=/);
    const attributes = signedIn.sessionCookie!.toLowerCase();
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
  });

  it("rejects a wrong password", async () => {
    const handler = await postHandler();
    const wrong = await signInThroughHandler(handler, email, `${password}x`);
    expect(wrong.ok).toBe(false);
    expect(wrong.location).toMatch(/error=CredentialsSignin/);
  });

  it("writes no secret to any log line", async () => {
    const hash = (await prisma.user.findUniqueOrThrow({ where: { email } }))
      .passwordHash!;
    expect(captured.join("\n")).toMatch(/account created/);
    expect(tokens).toHaveLength(2);

    const secrets: Record<string, string> = {
      password,
      "wrong password": `${password}x`,
      "password hash": hash,
      AUTH_SECRET: secret,
      ...Object.fromEntries(
        tokens.map((token, index) => [`session token ${index + 1}`, token]),
      ),
    };
    for (const [name, value] of Object.entries(secrets)) {
      const leaking = captured.filter((line) => line.includes(value));
      expect(leaking, `${name} appears in a log line`).toEqual([]);
    }
  });
});
