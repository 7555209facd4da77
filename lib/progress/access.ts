import type { SessionUser } from "@/lib/auth/session";
import { canReviewLearner } from "@/lib/cohorts/teaching";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Returns true when the viewer may see an account's progress: the account
 * owner, an admin, or an instructor who owns a class the account is a
 * member of.
 */
export async function canViewProgress(
  prisma: PrismaClient,
  viewer: SessionUser,
  ownerId: string,
): Promise<boolean> {
  if (viewer.id === ownerId) return true;
  return canReviewLearner(prisma, viewer, ownerId);
}
