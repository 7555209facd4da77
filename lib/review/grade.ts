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
import { countNewCardsIntroducedToday } from "./new-cards";
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

async function findByKey(
  prisma: PrismaClient | Prisma.TransactionClient,
  userId: string,
  cardId: string,
  idempotencyKey: string,
): Promise<GradedCard | null> {
  const stored = await prisma.reviewLog.findUnique({
    where: { idempotencyKey },
    select: { id: true, userId: true, cardId: true, rating: true },
  });
  if (!stored) return null;
  if (stored.userId !== userId || stored.cardId !== cardId) {
    throw new UserError(
      "This grade's request key was already used for another review. Reload the review page and grade again.",
    );
  }
  const state = await prisma.cardState.findUnique({
    where: { userId_cardId: { userId, cardId } },
    select: { due: true },
  });
  return {
    reviewLogId: stored.id,
    cardId,
    rating: stored.rating as ReviewRating,
    due: state?.due ?? new Date(),
    duplicate: true,
  };
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

  const earlier = await findByKey(prisma, userId, cardId, idempotencyKey);
  if (earlier) return earlier;

  try {
    return await prisma.$transaction(async (tx) => {
      await lockLearnerReviews(tx, userId);
      // A retry that waited on the lock finds the review its twin stored.
      const twin = await findByKey(tx, userId, cardId, idempotencyKey);
      if (twin) return twin;

      // One connection serves the transaction, so its queries run in turn.
      const user = await tx.user.findUniqueOrThrow({
        where: { id: userId },
        select: { desiredRetention: true, newCardsPerDay: true },
      });
      const card = await tx.flashcard.findUnique({
        where: { id: cardId },
        select: { id: true, published: true },
      });
      const row = await tx.cardState.findUnique({
        where: { userId_cardId: { userId, cardId } },
      });
      if (!card || !card.published) {
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
        const introduced = await countNewCardsIntroducedToday(tx, userId, now);
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
        await tx.cardState.update({ where: { id: row.id }, data: nextRow });
      } else {
        await tx.cardState.create({ data: { userId, cardId, ...nextRow } });
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
