import type { PrismaClient } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import { cardStateToRow, reviewLogFromRow, State, undo } from "@/lib/srs";

import { ratingLabels, type ReviewRating } from "./types";
import { lockLearnerReviews } from "./user-lock";

/** The review that undoLastReview took back. */
export interface UndoneReview {
  reviewLogId: string;
  cardId: string;
  rating: ReviewRating;
  ratingLabel: string;
}

/**
 * Undoes the learner's latest review that is not yet undone: restores the
 * card's state from before that grade and marks the log undone, in one
 * transaction. The log row stays for history; recomputing a schedule skips
 * undone logs. Undoing a card's first grade deletes its state row again,
 * unless the card was suspended since, in which case the row keeps the
 * suspension with the never-reviewed state. Calling it again undoes the
 * review before that one.
 *
 * @throws UserError when the learner has no review left to undo.
 */
export async function undoLastReview(
  prisma: PrismaClient,
  userId: string,
): Promise<UndoneReview> {
  return prisma.$transaction(async (tx) => {
    await lockLearnerReviews(tx, userId);

    const last = await tx.reviewLog.findFirst({
      where: { userId, undone: false },
      orderBy: [{ review: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    });
    if (!last) {
      throw new UserError(
        "There is no review to undo yet. Grade a card first.",
      );
    }

    const previous = undo(reviewLogFromRow(last));
    const row = await tx.cardState.findUnique({
      where: { userId_cardId: { userId, cardId: last.cardId } },
      select: { id: true, suspended: true },
    });
    const firstGrade = previous.state === State.New && previous.reps === 0;

    if (row && firstGrade && !row.suspended) {
      await tx.cardState.delete({ where: { id: row.id } });
    } else if (row) {
      await tx.cardState.update({
        where: { id: row.id },
        data: cardStateToRow(previous),
      });
    } else if (!firstGrade) {
      await tx.cardState.create({
        data: { userId, cardId: last.cardId, ...cardStateToRow(previous) },
      });
    }
    await tx.reviewLog.update({
      where: { id: last.id },
      data: { undone: true },
    });

    const rating = last.rating as ReviewRating;
    return {
      reviewLogId: last.id,
      cardId: last.cardId,
      rating,
      ratingLabel: ratingLabels[rating],
    };
  });
}
