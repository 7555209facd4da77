/**
 * Stand-ins for the parts of Next.js and Auth.js that need a live request:
 * the tests call actions and route handlers directly, outside a server.
 * Import this file first in a test, then call `vi.mock` with these
 * factories (vi.mock calls must sit in the test file itself).
 */
import { redirect } from "next/navigation";

/** The user id auth() reports; null means signed out. */
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
