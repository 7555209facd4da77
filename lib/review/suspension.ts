import type { PrismaClient } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import { cardStateToRow, createScheduler, State } from "@/lib/srs";

import { lockLearnerReviews } from "./user-lock";

/**
 * Suspends or unsuspends one card for one learner; other learners' queues
 * are unaffected. A suspended card never enters the queue, and its schedule
 * is kept, so an overdue card comes back due on unsuspending. Suspending a
 * card the learner never reviewed stores a never-reviewed state row to
 * carry the flag, and unsuspending it deletes that row again.
 *
 * @throws UserError when the card does not exist or is unpublished.
 */
export async function setCardSuspended(
  prisma: PrismaClient,
  userId: string,
  cardId: string,
  suspended: boolean,
  now: Date = new Date(),
): Promise<{ cardId: string; suspended: boolean }> {
  return prisma.$transaction(async (tx) => {
    await lockLearnerReviews(tx, userId);

    const card = await tx.flashcard.findUnique({
      where: { id: cardId },
      select: { published: true },
    });
    if (!card || !card.published) {
      throw new UserError(
        `Card ${cardId} was not found among the published cards. Reload the cards page.`,
      );
    }

    const row = await tx.cardState.findUnique({
      where: { userId_cardId: { userId, cardId } },
      select: { id: true, state: true, reps: true },
    });
    const neverReviewed =
      row !== null && row.state === State.New && row.reps === 0;
    if (row && !suspended && neverReviewed) {
      // The row existed only to carry the flag.
      await tx.cardState.delete({ where: { id: row.id } });
    } else if (row) {
      await tx.cardState.update({ where: { id: row.id }, data: { suspended } });
    } else if (suspended) {
      const fresh = createScheduler().newCard(now);
      await tx.cardState.create({
        data: { userId, cardId, ...cardStateToRow(fresh), suspended: true },
      });
    }
    return { cardId, suspended };
  });
}

/** Suspends one card for one learner; see setCardSuspended. */
export function suspendCard(
  prisma: PrismaClient,
  userId: string,
  cardId: string,
) {
  return setCardSuspended(prisma, userId, cardId, true);
}

/** Unsuspends one card for one learner; see setCardSuspended. */
export function unsuspendCard(
  prisma: PrismaClient,
  userId: string,
  cardId: string,
) {
  return setCardSuspended(prisma, userId, cardId, false);
}
