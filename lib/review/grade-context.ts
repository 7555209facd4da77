import type { Prisma } from "@/lib/generated/prisma/client";
import { State, type CardStateRow } from "@/lib/srs";

import { newCardsIntroducedTodaySql } from "./new-cards";

/** Everything a grade checks before it schedules, read in one query. */
export interface GradeContext {
  /** The learner's review settings; null when the account does not exist. */
  learner: { desiredRetention: number; newCardsPerDay: number } | null;
  /** Whether the card is published; null when no card has this id. */
  cardPublished: boolean | null;
  /** The learner's state row of this card; null when never stored. */
  state: (CardStateRow & { id: string; suspended: boolean }) | null;
  /** The review already stored under the idempotency key, of any learner. */
  keyedReview: {
    id: string;
    userId: string;
    cardId: string;
    rating: number;
  } | null;
  /**
   * Cards the learner started today (UTC); null when the card is not new
   * to the learner, because only a new card's grade checks the limit.
   */
  newCardsIntroducedToday: number | null;
}

interface GradeContextRow extends Partial<CardStateRow> {
  desiredRetention: number | null;
  newCardsPerDay: number | null;
  cardPublished: boolean | null;
  stateId: string | null;
  suspended: boolean | null;
  keyedReviewId: string | null;
  keyedUserId: string | null;
  keyedCardId: string | null;
  keyedRating: number | null;
  newCardsIntroducedToday: number | null;
}

/**
 * Reads what gradeCard needs in one round trip: the learner's settings,
 * the card, the learner's state of it, the review stored under the
 * idempotency key, and, for a card new to the learner, today's new-card
 * count. Call it inside the transaction after lockLearnerReviews, so that
 * its result includes every grade of this learner committed before.
 */
export async function readGradeContext(
  tx: Prisma.TransactionClient,
  userId: string,
  cardId: string,
  idempotencyKey: string,
  now: Date,
): Promise<GradeContext> {
  // The one-row FROM keeps a row when the user, card, state or key is
  // missing. PostgreSQL evaluates a CASE branch only when its condition
  // holds (manual, "Conditional Expressions"), so a due card skips the count.
  const [row] = await tx.$queryRaw<GradeContextRow[]>`
    SELECT
      u."desiredRetention",
      u."newCardsPerDay",
      f."published" AS "cardPublished",
      s."id" AS "stateId",
      s."due",
      s."stability",
      s."difficulty",
      s."elapsedDays",
      s."scheduledDays",
      s."learningSteps",
      s."reps",
      s."lapses",
      s."state",
      s."lastReview",
      s."suspended",
      k."id" AS "keyedReviewId",
      k."userId" AS "keyedUserId",
      k."cardId" AS "keyedCardId",
      k."rating" AS "keyedRating",
      CASE
        WHEN s."id" IS NULL OR s."state" = ${State.New}
        THEN ${newCardsIntroducedTodaySql(userId, now)}
      END AS "newCardsIntroducedToday"
    FROM (SELECT 1) AS one
    LEFT JOIN "User" u ON u."id" = ${userId}
    LEFT JOIN "Flashcard" f ON f."id" = ${cardId}
    LEFT JOIN "CardState" s
      ON s."userId" = ${userId} AND s."cardId" = ${cardId}
    LEFT JOIN "ReviewLog" k ON k."idempotencyKey" = ${idempotencyKey}`;

  return {
    learner:
      row.desiredRetention === null || row.newCardsPerDay === null
        ? null
        : {
            desiredRetention: row.desiredRetention,
            newCardsPerDay: row.newCardsPerDay,
          },
    cardPublished: row.cardPublished,
    state: row.stateId === null ? null : stateOf(row),
    keyedReview:
      row.keyedReviewId === null
        ? null
        : {
            id: row.keyedReviewId,
            userId: row.keyedUserId!,
            cardId: row.keyedCardId!,
            rating: row.keyedRating!,
          },
    newCardsIntroducedToday: row.newCardsIntroducedToday,
  };
}

/** Picks the state row's columns out of a row whose stateId is set. */
function stateOf(
  row: GradeContextRow,
): CardStateRow & { id: string; suspended: boolean } {
  return {
    id: row.stateId!,
    due: row.due!,
    stability: row.stability!,
    difficulty: row.difficulty!,
    elapsedDays: row.elapsedDays!,
    scheduledDays: row.scheduledDays!,
    learningSteps: row.learningSteps!,
    reps: row.reps!,
    lapses: row.lapses!,
    state: row.state!,
    lastReview: row.lastReview ?? null,
    suspended: row.suspended!,
  };
}
