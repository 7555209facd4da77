import { currentChangeFeed, type Change } from "@/lib/cache/change-feed";
import { InvalidatedCache } from "@/lib/cache/invalidated-cache";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/client";

import {
  authSecretsFromEnv,
  SessionTokenReader,
  type SessionClaims,
} from "./session-token";

/** The signed-in user as actions and pages see it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/**
 * Access level of an action: anyone, any signed-in user, instructors (and
 * admins), or admins only.
 */
export type Access = "public" | "user" | "instructor" | "admin";

/**
 * Returns true when a session cookie from a sign-in at `signedInAt` (ms)
 * was revoked by a later sign-out at `revokedAt`.
 */
export function isSessionRevoked(
  signedInAt: number,
  revokedAt: Date | null,
): boolean {
  return revokedAt !== null && signedInAt < revokedAt.getTime();
}

let tokenReader: SessionTokenReader | undefined;

/** Returns the process-wide reader of session cookies, created on first use. */
function sessionTokenReader(): SessionTokenReader {
  tokenReader ??= new SessionTokenReader({ secrets: authSecretsFromEnv() });
  return tokenReader;
}

/** The account fields a session check reads. */
interface SessionAccount extends SessionUser {
  sessionsRevokedAt: Date | null;
}

/** Returns the account a change names, "*" for all of them, or null for none. */
function accountKeyOf(change: Change): string | null {
  if (change.kind === "user") return change.id;
  if (change.kind === "unknown") return "*";
  return null;
}

/**
 * Accounts read by session checks, dropped when the database announces a
 * change to the row (a sign-out, a role change, a deletion) on any
 * instance. Without a running change feed it passes every read through.
 */
const sessionAccounts = new InvalidatedCache<SessionAccount | null>({
  source: currentChangeFeed,
  affects: accountKeyOf,
  maxEntries: 20_000,
  maxAgeMs: 60_000,
});

/**
 * Drops a cached account at once, for the process that changed it; other
 * instances learn of the change from the database's notification.
 */
export function forgetSessionAccount(userId: string): void {
  sessionAccounts.forget(userId);
}

/**
 * Returns the user named by a session cookie's claims, or null when the
 * account is gone or the cookie was revoked by a later sign-out.
 */
export async function sessionUserOf(
  claims: SessionClaims,
): Promise<SessionUser | null> {
  const account = await sessionAccounts.get(claims.userId, async () => {
    const { prisma } = await import("@/lib/db");
    return prisma.user.findUnique({
      where: { id: claims.userId },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        sessionsRevokedAt: true,
      },
    });
  });
  if (!account) return null;
  if (isSessionRevoked(claims.signedInAt, account.sessionsRevokedAt)) {
    return null;
  }
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
  };
}

/**
 * Returns the signed-in user, or null when signed out, including for a
 * copy of a cookie from before a sign-out. The account's row is checked on
 * every call, so a role change, a deletion or a sign-out takes effect at
 * once. The row comes from a cache that the database's change
 * notifications keep current, or from the database itself.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const { cookies } = await import("next/headers");
  const claims = await sessionTokenReader().read(await cookies());
  return claims ? sessionUserOf(claims) : null;
}

/** Returns true when the user's role grants the access level. */
export function hasAccess(user: SessionUser | null, access: Access): boolean {
  if (access === "public") return true;
  if (!user) return false;
  if (access === "user") return true;
  if (access === "instructor") {
    return user.role === "INSTRUCTOR" || user.role === "ADMIN";
  }
  return user.role === "ADMIN";
}

/** Throws unless the user's role grants the access level. */
export function assertAccess(
  user: SessionUser | null,
  access: Access,
): asserts user is SessionUser {
  if (access === "public") return;
  if (!user) throw new UnauthenticatedError();
  if (!hasAccess(user, access)) throw new ForbiddenError();
}

/** Returns the signed-in user or throws UnauthenticatedError. */
export async function requireUser(
  access: Access = "user",
): Promise<SessionUser> {
  const user = await getSessionUser();
  assertAccess(user, access);
  return user as SessionUser;
}
