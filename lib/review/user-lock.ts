import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Takes a transaction-scoped PostgreSQL advisory lock on one learner's
 * review data, so that grades, undos and suspensions of the same learner
 * run one after another. Without it two tabs could both pass the
 * new-cards-per-day check or both undo the same review. The lock is
 * released when the transaction ends.
 */
export async function lockLearnerReviews(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<void> {
  // The second key keeps these locks apart from other advisory locks
  // taken on a hash of the same user id.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('review'), hashtext(${userId}))`;
}
