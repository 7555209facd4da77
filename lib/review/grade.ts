import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";
import {
  cardStateFromRow,
  cardStateToRow,
  createScheduler,
  reviewLogToRow,
  State,
  type ReviewRating,
} from "@/lib/srs";

import { formatDueAt } from "./format-interval";
import { readGradeContext } from "./grade-context";
import { lockLearnerReviews } from "./user-lock";

/** The stored review a grade produced. */
export interface GradedCard {
  reviewLogId: string;
  cardId: string;
  rating: ReviewRating;
  /** When the card is next due. */
  due: Date;
  /** True when this idempotency key had already stored the review. */
  duplicate: boolean;
}

const idempotencyKeyPattern = /^[A-Za-z0-9_-]{8,100}$/;

/**
 * Returns the review stored under an idempotency key as a grade's result.
 *
 * @throws UserError when the key belongs to another learner's or card's
 *   review.
 */
function duplicateOf(
  stored: { id: string; userId: string; cardId: string; rating: number },
  userId: string,
  cardId: string,
  due: Date | undefined,
): GradedCard {
  if (stored.userId !== userId || stored.cardId !== cardId) {
    throw new UserError(
      "This grade's request key was already used for another review. Reload the review page and grade again.",
    );
  }
  return {
    reviewLogId: stored.id,
    cardId,
    rating: stored.rating as ReviewRating,
    due: due ?? new Date(),
    duplicate: true,
  };
}

async function findByKey(
  prisma: PrismaClient,
  userId: string,
  cardId: string,
  idempotencyKey: string,
): Promise<GradedCard | null> {
  const stored = await prisma.reviewLog.findUnique({
    where: { idempotencyKey },
    select: { id: true, userId: true, cardId: true, rating: true },
  });
  if (!stored) return null;
  const state = await prisma.cardState.findUnique({
    where: { userId_cardId: { userId, cardId } },
    select: { due: true },
  });
  return duplicateOf(stored, userId, cardId, state?.due);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/**
 * Grades one card for a learner at `now`: runs FSRS with the learner's
 * desired retention, then stores the new CardState and a ReviewLog holding
 * the state before the grade (for undo), in one transaction.
 *
 * The idempotency key makes retries safe: a key already stored for this
 * learner and card returns the first review (duplicate: true) and stores
 * nothing. The card must be in the learner's queue: published, not
 * suspended, and either due by `now` or new with today's new-card limit not
 * yet reached.
 *
 * @throws UserError when the card does not exist or is unpublished, is
 *   suspended, is not due yet, would exceed today's new-card limit, or the
 *   key belongs to another review; RangeError for a rating outside 1–4.
 */
export async function gradeCard(
  prisma: PrismaClient,
  userId: string,
  cardId: string,
  rating: ReviewRating,
  idempotencyKey: string,
  now: Date = new Date(),
): Promise<GradedCard> {
  if (!idempotencyKeyPattern.test(idempotencyKey)) {
    throw new UserError(
      "The grade's request key is invalid; it must be 8 to 100 letters, digits, '-' or '_'. Reload the review page and grade again.",
    );
  }

  try {
    return await prisma.$transaction(async (tx) => {
      await lockLearnerReviews(tx, userId);
      const context = await readGradeContext(
        tx,
        userId,
        cardId,
        idempotencyKey,
        now,
      );
      const row = context.state;

      // A retry, or a twin that waited on the lock, finds the first review.
      if (context.keyedReview) {
        return duplicateOf(context.keyedReview, userId, cardId, row?.due);
      }
      const user = context.learner;
      if (!user) {
        throw new Error(`User ${userId} was not found. Sign in again.`);
      }
      if (!context.cardPublished) {
        throw new UserError(
          "This card no longer exists or was unpublished. Reload the review page for the next card.",
        );
      }
      if (row?.suspended) {
        throw new UserError(
          "This card is suspended. Unsuspend it on the cards page to review it.",
        );
      }

      const scheduler = createScheduler({
        desiredRetention: user.desiredRetention,
      });
      const current = row ? cardStateFromRow(row) : scheduler.newCard(now);
      if (current.state === State.New) {
        // readGradeContext counts whenever the stored state is New or missing.
        const introduced = context.newCardsIntroducedToday!;
        if (introduced >= user.newCardsPerDay) {
          throw new UserError(
            `You have started ${introduced} new cards today, your daily limit of ${user.newCardsPerDay}. Raise the limit in settings or come back after midnight UTC.`,
          );
        }
      } else if (current.due.getTime() > now.getTime()) {
        throw new UserError(
          `This card is not due until ${formatDueAt(current.due)}. Reload the review page for the next card.`,
        );
      }

      const outcome = scheduler.review(current, rating, now);
      const nextRow = cardStateToRow(outcome.state);
      if (row) {
        await tx.cardState.update({
          where: { id: row.id },
          data: nextRow,
          select: { id: true },
        });
      } else {
        await tx.cardState.create({
          data: { userId, cardId, ...nextRow },
          select: { id: true },
        });
      }
      const logRow = reviewLogToRow(outcome.log);
      const stored = await tx.reviewLog.create({
        data: {
          ...logRow,
          previousState: logRow.previousState as Prisma.InputJsonValue,
          userId,
          cardId,
          idempotencyKey,
        },
        select: { id: true },
      });

      return {
        reviewLogId: stored.id,
        cardId,
        rating,
        due: outcome.state.due,
        duplicate: false,
      };
    });
  } catch (error) {
    // Grades of one learner run in turn under the lock, so a unique
    // violation means a request of another learner stored this key first.
    if (isUniqueViolation(error)) {
      const winner = await findByKey(prisma, userId, cardId, idempotencyKey);
      if (winner) return winner;
      log.warn({ userId, cardId }, "grade conflicted with a concurrent write");
      throw new UserError(
        "This card was graded at the same moment in another tab. Reload the review page.",
      );
    }
    throw error;
  }
}
