import type { SessionUser } from "@/lib/auth/session";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The learners an instructor teaches are the members of the classes
 * (cohorts) the instructor owns. Instructors see and score the work of
 * those learners only; admins see everyone's.
 */

/** The part of a session user that decides whose work they may review. */
export type Reviewer = Pick<SessionUser, "id" | "role">;

/**
 * Returns a User filter that matches the learners whose work the reviewer
 * may see: every user for an admin, members of the reviewer's own classes
 * for an instructor, and no user for a learner.
 */
export function reviewableLearnersWhere(
  reviewer: Reviewer,
): Prisma.UserWhereInput {
  if (reviewer.role === "ADMIN") return {};
  if (reviewer.role !== "INSTRUCTOR") return { id: { in: [] } };
  return { memberships: { some: { cohort: { ownerId: reviewer.id } } } };
}

/**
 * Returns true when the reviewer may see and score the learner's work: an
 * admin, or an instructor who owns a class the learner is a member of.
 */
export async function canReviewLearner(
  prisma: PrismaClient | Prisma.TransactionClient,
  reviewer: Reviewer,
  learnerId: string,
): Promise<boolean> {
  if (reviewer.role === "ADMIN") return true;
  if (reviewer.role !== "INSTRUCTOR") return false;
  const membership = await prisma.cohortMember.findFirst({
    where: { userId: learnerId, cohort: { ownerId: reviewer.id } },
    select: { cohortId: true },
  });
  return membership !== null;
}
