import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { State, type CardStateRow } from "@/lib/srs";

import { startOfNextUtcDay } from "./day";
import { newCardsIntroducedTodaySql } from "./new-cards";

/** The card at the head of a learner's queue, with what the page shows. */
export interface QueueHeadCard {
  id: string;
  front: string;
  back: string;
  tags: string[];
  deckTitle: string;
  /** "due": reviewed before and due now; "new": never reviewed. */
  kind: "due" | "new";
  /** The learner's state row of the card; null for a card never stored. */
  state: CardStateRow | null;
}

/**
 * A learner's queue at one moment without its full item list: the counts
 * of getQueue (lib/review/queue.ts) and the card getQueue would put first.
 */
export interface QueueHead {
  head: QueueHeadCard | null;
  dueNow: number;
  newLeft: number;
  dueCount: number;
  nextDueAt: Date | null;
  desiredRetention: number;
  newCardsPerDay: number;
  newIntroducedToday: number;
}

interface QueueHeadRow extends Partial<CardStateRow> {
  desiredRetention: number;
  newCardsPerDay: number;
  newIntroducedToday: number;
  dueNow: number;
  newWaiting: number;
  newLeft: number;
  nextReviewAt: Date | null;
  headKind: "due" | "new" | null;
  headId: string | null;
  front: string | null;
  back: string | null;
  tags: string[] | null;
  deckTitle: string | null;
  stateId: string | null;
}

/**
 * Builds the query of getQueueHead, which returns one row (none when the
 * user does not exist). Exported so that tools can EXPLAIN it.
 */
export function queueHeadQuery(
  userId: string,
  now: Date,
  showFirst: string | null,
): Prisma.Sql {
  // "reviewed" is inlined into each use, so that each use scans only its
  // range of the index on CardState (userId, due). A card is new to the
  // learner when it has no state, or a New state that is not suspended.
  // So "fresh" keeps the cards without a reviewed or suspended state.
  // Card ids compare with COLLATE "C", byte order, as JavaScript's string
  // comparison in buildQueue does for ASCII ids such as cuids. Deck order
  // keeps the database's collation, as getQueue's orderBy does.
  return Prisma.sql`
    WITH learner AS MATERIALIZED (
      SELECT
        "desiredRetention",
        "newCardsPerDay",
        ${newCardsIntroducedTodaySql(userId, now)} AS "newIntroducedToday"
      FROM "User"
      WHERE "id" = ${userId}
    ),
    reviewed AS NOT MATERIALIZED (
      SELECT s."cardId", s."due"
      FROM "CardState" s
      JOIN "Flashcard" f ON f."id" = s."cardId"
      WHERE s."userId" = ${userId}
        AND f."published"
        AND NOT s."suspended"
        AND s."state" <> ${State.New}
    ),
    fresh AS MATERIALIZED (
      SELECT f."id", f."deckId", f."position", f."slug"
      FROM "Flashcard" f
      WHERE f."published"
        AND NOT EXISTS (
          SELECT 1
          FROM "CardState" s
          WHERE s."userId" = ${userId}
            AND s."cardId" = f."id"
            AND (s."state" <> ${State.New} OR s."suspended")
        )
    ),
    counts AS MATERIALIZED (
      SELECT
        l.*,
        (SELECT count(*)::int FROM reviewed WHERE "due" <= ${now}) AS "dueNow",
        (
          SELECT "due" FROM reviewed WHERE "due" > ${now} ORDER BY "due" LIMIT 1
        ) AS "nextReviewAt",
        (SELECT count(*)::int FROM fresh) AS "newWaiting"
      FROM learner l
    ),
    limits AS MATERIALIZED (
      SELECT
        c.*,
        LEAST(
          c."newWaiting",
          GREATEST(0, c."newCardsPerDay" - c."newIntroducedToday")
        ) AS "newLeft"
      FROM counts c
    ),
    fresh_in_deck_order AS NOT MATERIALIZED (
      SELECT f."id", d."slug" AS "deckSlug", f."position", f."slug"
      FROM fresh f
      JOIN "Deck" d ON d."id" = f."deckId"
    ),
    candidates AS (
      ${showFirst === null ? Prisma.empty : showFirstCandidates(userId, now, showFirst)}
      (
        SELECT "cardId" AS "id", 'due' AS "kind", 1 AS "rank"
        FROM reviewed
        WHERE "due" <= ${now}
        ORDER BY "due", "cardId" COLLATE "C"
        LIMIT 1
      )
      UNION ALL
      (
        SELECT f."id", 'new', 2
        FROM fresh_in_deck_order f, limits
        WHERE limits."newLeft" > 0
        ORDER BY f."deckSlug", f."position", f."slug"
        LIMIT 1
      )
    ),
    head AS (
      SELECT "id", "kind" FROM candidates ORDER BY "rank" LIMIT 1
    )
    SELECT
      limits.*,
      h."kind" AS "headKind",
      card."id" AS "headId",
      card."front",
      card."back",
      card."tags",
      deck."title" AS "deckTitle",
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
      s."lastReview"
    FROM limits
    LEFT JOIN head h ON true
    LEFT JOIN "Flashcard" card ON card."id" = h."id"
    LEFT JOIN "Deck" deck ON deck."id" = card."deckId"
    LEFT JOIN "CardState" s
      ON s."userId" = ${userId} AND s."cardId" = h."id"`;
}

/**
 * Builds the candidates of queueHeadQuery that put `showFirst` at the head:
 * a due card always, a new card only when it is among the new cards the
 * limit lets in today. Each ends in UNION ALL.
 */
function showFirstCandidates(
  userId: string,
  now: Date,
  showFirst: string,
): Prisma.Sql {
  return Prisma.sql`
      (
        SELECT "cardId" AS "id", 'due' AS "kind", 0 AS "rank"
        FROM reviewed
        WHERE "cardId" = ${showFirst} AND "due" <= ${now}
      )
      UNION ALL
      (
        SELECT f."id", 'new', 0
        FROM fresh_in_deck_order f, limits
        WHERE f."id" = ${showFirst}
          AND (
            SELECT count(*)
            FROM fresh_in_deck_order earlier
            WHERE (earlier."deckSlug", earlier."position", earlier."slug")
                < (f."deckSlug", f."position", f."slug")
          ) < limits."newLeft"
      )
      UNION ALL`;
}

/**
 * Reads the learner's queue counts and head card in one query, in place of
 * loading every card and card state as getQueue does. The result matches
 * getQueue: due cards come first, earliest due date first with ties broken
 * by card id, then new cards in deck order (deck slug, position, slug) up
 * to today's remaining new-card limit. Suspended and unpublished cards
 * never appear. With `showFirst`, that card is the head when it is in the
 * queue.
 *
 * Counting the new cards scans every published card, so the cost grows
 * with the catalogue: about 0.3 ms of PostgreSQL time for 700 cards and
 * 600 card states (scripts/bench/review-grade.ts --explain).
 *
 * @throws Error when the user does not exist; RangeError when the user's
 *   new-cards-per-day limit is not a whole number of 0 or more.
 */
export async function getQueueHead(
  prisma: PrismaClient,
  userId: string,
  now: Date,
  options: { showFirst?: string } = {},
): Promise<QueueHead> {
  const rows = await prisma.$queryRaw<QueueHeadRow[]>(
    queueHeadQuery(userId, now, options.showFirst ?? null),
  );

  const row = rows[0];
  if (!row) {
    throw new Error(`User ${userId} was not found. Sign in again.`);
  }
  if (!(Number.isInteger(row.newCardsPerDay) && row.newCardsPerDay >= 0)) {
    throw new RangeError(
      `User ${userId} has newCardsPerDay ${row.newCardsPerDay}, which is invalid. Set a whole number of 0 or more in the review settings.`,
    );
  }

  let nextDueAt = row.nextReviewAt;
  // New cards waiting for the daily limit to reset join at midnight UTC.
  if (row.newWaiting > 0 && row.newLeft === 0 && row.newCardsPerDay > 0) {
    const midnight = startOfNextUtcDay(now);
    if (!nextDueAt || midnight < nextDueAt) nextDueAt = midnight;
  }

  return {
    head: headOf(row),
    dueNow: row.dueNow,
    newLeft: row.newLeft,
    dueCount: row.dueNow + row.newLeft,
    nextDueAt,
    desiredRetention: row.desiredRetention,
    newCardsPerDay: row.newCardsPerDay,
    newIntroducedToday: row.newIntroducedToday,
  };
}

function headOf(row: QueueHeadRow): QueueHeadCard | null {
  if (row.headId === null || row.headKind === null) return null;
  return {
    id: row.headId,
    front: row.front!,
    back: row.back!,
    tags: row.tags!,
    deckTitle: row.deckTitle!,
    kind: row.headKind,
    state:
      row.stateId === null
        ? null
        : {
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
          },
  };
}
