import type { PrismaClient } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";

/** Rows removed with an account, by kind. */
export interface DeletedAccountCounts {
  attempts: number;
  cardStates: number;
  reviewLogs: number;
  labRuns: number;
  mockInterviews: number;
  memberships: number;
  ownedCohorts: number;
  contentDrafts: number;
  overridesGiven: number;
}

/**
 * Deletes an account and every row that belongs to it, once the typed
 * confirmation matches the account's email (case and surrounding spaces
 * ignored). The schema's cascades remove attempts, card states, review
 * logs, lab runs, mock interviews with their answers, memberships, owned
 * cohorts (with their members), content drafts, overrides given and
 * sign-in rows; audit entries the account caused keep their action but
 * lose the actor, and published content versions lose their author id.
 *
 * @returns how many rows of each kind went with the account.
 * @throws UserError when the confirmation does not match, when the account
 *   is the last admin (another admin must exist first), or when the
 *   account no longer exists.
 */
export async function deleteAccount(
  prisma: PrismaClient,
  input: { userId: string; confirmEmail: string },
): Promise<DeletedAccountCounts> {
  const user = await prisma.user.findUnique({
    where: { id: input.userId },
    select: { id: true, email: true, role: true },
  });
  if (!user)
    throw new UserError(
      "Your account was not found; it may already be deleted.",
    );

  const typed = input.confirmEmail.trim().toLowerCase();
  if (typed !== user.email.toLowerCase()) {
    throw new UserError(
      "The email you typed does not match this account's email. Type the account's email exactly to delete it.",
      { confirmEmail: ["does not match the account's email"] },
    );
  }

  const counts = await prisma.$transaction(async (tx) => {
    if (user.role === "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) {
        throw new UserError(
          "This is the only admin account. Give another account the admin role before deleting this one.",
        );
      }
    }

    const userId = user.id;
    const [
      attempts,
      cardStates,
      reviewLogs,
      labRuns,
      mockInterviews,
      memberships,
      ownedCohorts,
      contentDrafts,
      overridesGiven,
    ] = await Promise.all([
      tx.attempt.count({ where: { userId } }),
      tx.cardState.count({ where: { userId } }),
      tx.reviewLog.count({ where: { userId } }),
      tx.labRun.count({ where: { userId } }),
      tx.mockInterview.count({ where: { userId } }),
      tx.cohortMember.count({ where: { userId } }),
      tx.cohort.count({ where: { ownerId: userId } }),
      tx.contentDraft.count({ where: { authorId: userId } }),
      tx.criterionOverride.count({ where: { instructorId: userId } }),
    ]);

    // ContentVersion.authorId has no foreign key, so no cascade clears it.
    await tx.contentVersion.updateMany({
      where: { authorId: userId },
      data: { authorId: null },
    });
    await tx.user.delete({ where: { id: userId } });
    return {
      attempts,
      cardStates,
      reviewLogs,
      labRuns,
      mockInterviews,
      memberships,
      ownedCohorts,
      contentDrafts,
      overridesGiven,
    };
  });

  log.info({ userId: user.id, ...counts }, "account deleted");
  return counts;
}
