import type { Role } from "@/lib/generated/prisma/client";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";

import { authSecretsFromEnv, SessionTokenReader } from "./session-token";

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

/** The process-wide reader of session cookies, created on first use. */
function sessionTokenReader(): SessionTokenReader {
  tokenReader ??= new SessionTokenReader({ secrets: authSecretsFromEnv() });
  return tokenReader;
}

/**
 * Returns the signed-in user, read fresh from the database so that a role
 * change, a deleted account or a sign-out takes effect at once; null when
 * signed out, including for a copy of a cookie from before a sign-out.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const { cookies } = await import("next/headers");
  const claims = await sessionTokenReader().read(await cookies());
  if (!claims) return null;

  const { prisma } = await import("@/lib/db");
  const user = await prisma.user.findUnique({
    where: { id: claims.userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      sessionsRevokedAt: true,
    },
  });
  if (!user) return null;
  if (isSessionRevoked(claims.signedInAt, user.sessionsRevokedAt)) {
    return null;
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
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
