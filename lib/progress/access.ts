import type { SessionUser } from "@/lib/auth/session";

/**
 * Returns true when the viewer may see an account's progress: the account
 * owner, or an instructor or admin.
 */
export function canViewProgress(viewer: SessionUser, ownerId: string): boolean {
  return (
    viewer.id === ownerId ||
    viewer.role === "INSTRUCTOR" ||
    viewer.role === "ADMIN"
  );
}
