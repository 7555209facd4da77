/**
 * Stand-ins for the parts of Next.js and Auth.js that need a live request:
 * the tests call actions and route handlers directly, outside a server.
 * Import this file first in a test, then call `vi.mock` with these
 * factories (vi.mock calls must sit in the test file itself).
 */
import { encode } from "next-auth/jwt";
import { redirect } from "next/navigation";

import { sessionCookieName } from "@/lib/auth/session-token";

/** The user id the session cookie carries; null means signed out. */
export const testSession: { userId: string | null } = { userId: null };

/** Replaces lib/auth: auth() reads testSession; signIn and signOut redirect like Auth.js. */
export function authModuleMock() {
  return {
    auth: async () =>
      testSession.userId ? { user: { id: testSession.userId } } : null,
    signIn: async (_provider: string, options?: { redirectTo?: string }) =>
      redirect(options?.redirectTo ?? "/"),
    signOut: async (options?: { redirectTo?: string }) =>
      redirect(options?.redirectTo ?? "/"),
    handlers: {
      GET: async () => new Response(null, { status: 404 }),
      POST: async () => new Response(null, { status: 404 }),
    },
  };
}

/** Secret the stand-in cookies are sealed with; set before the first session read. */
const testAuthSecret = "integration-test-secret-0123456789abcdef";
process.env.AUTH_SECRET ??= testAuthSecret;

const sealedTokens = new Map<string, Promise<string>>();

/** Seals a session cookie for `userId` the way Auth.js does at sign-in. */
function sessionTokenFor(userId: string): Promise<string> {
  let token = sealedTokens.get(userId);
  if (!token) {
    token = encode({
      token: { sub: userId, signedInAt: Date.now() },
      secret: process.env.AUTH_SECRET!,
      salt: sessionCookieName,
    });
    sealedTokens.set(userId, token);
  }
  return token;
}

/**
 * Replaces next/headers: cookies() contains a real Auth.js session cookie for
 * testSession's user, so getSessionUser() decrypts it and reads the account
 * as it does in a server.
 */
export function headersModuleMock() {
  return {
    cookies: async () => {
      const userId = testSession.userId;
      const value = userId ? await sessionTokenFor(userId) : undefined;
      const all = value ? [{ name: sessionCookieName, value }] : [];
      return {
        get: (name: string) => all.find((cookie) => cookie.name === name),
        getAll: () => all,
      };
    },
    headers: async () => new Headers(),
  };
}

/**
 * Replaces the next-auth package for modules that import its error
 * classes: its ES build imports "next/server" without an extension, which
 * Node's resolver rejects outside Next.js's bundler.
 */
export function nextAuthModuleMock() {
  class AuthError extends Error {
    type = "AuthError";
  }
  class CredentialsSignin extends AuthError {
    code = "credentials";
  }
  return { AuthError, CredentialsSignin, default: () => authModuleMock() };
}
