import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The dashboard's aggregations, grouped in PostgreSQL so that the server
 * reads one row per day or week, not one per review. Times are UTC:
 * Prisma stores DateTime as UTC in `timestamp(3)` columns, and every bound
 * is passed as an ISO string cast to `timestamp`, which drops the "Z" and
 * so compares UTC with UTC whatever the session's time zone. Each query
 * groups by the truncated timestamp and formats only the grouped rows:
 * formatting every row before grouping made the yearly calendar query
 * about four times slower.
 */

function utc(time: Date): string {
  return time.toISOString();
}

/** One UTC day of the user's reviews. */
export interface ReviewDayRow {
  /** YYYY-MM-DD. */
  day: string;
  /** Reviews, undone ones left out. */
  reviews: number;
  /** Reviews that count for true retention (see lib/progress/retention.ts). */
  counted: number;
  /** Counted reviews not graded Again. */
  passed: number;
}

/**
 * Counts the user's reviews per UTC day in [from, to), undone reviews left
 * out. Each day also carries its true-retention counts. Those are the
 * reviews of cards in the Review state (2) at least one day after the
 * previous review, and those of them not graded Again (1). One scan
 * serves both the calendar and the weekly retention, which the caller
 * sums from these days.
 */
export async function reviewStatsByDay(
  prisma: PrismaClient,
  userId: string,
  from: Date,
  to: Date,
): Promise<ReviewDayRow[]> {
  return prisma.$queryRaw<ReviewDayRow[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, reviews, counted, passed
    FROM (
      SELECT date_trunc('day', "review") AS day,
             count(*)::int AS reviews,
             count(*) FILTER (WHERE "state" = 2 AND "elapsedDays" >= 1)::int AS counted,
             count(*) FILTER (
               WHERE "state" = 2 AND "elapsedDays" >= 1 AND "rating" <> 1
             )::int AS passed
      FROM "ReviewLog"
      WHERE "userId" = ${userId}
        AND NOT "undone"
        AND "review" >= ${utc(from)}::timestamp
        AND "review" < ${utc(to)}::timestamp
      GROUP BY 1
    ) AS days
    ORDER BY 1`;
}

/** Lists every UTC day with a review before `to`, for streaks over a year. */
export async function allReviewDays(
  prisma: PrismaClient,
  userId: string,
  to: Date,
): Promise<Set<string>> {
  const rows = await prisma.$queryRaw<{ day: string }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day
    FROM (
      SELECT DISTINCT date_trunc('day', "review") AS day
      FROM "ReviewLog"
      WHERE "userId" = ${userId} AND NOT "undone" AND "review" < ${utc(to)}::timestamp
    ) AS days`;
  return new Set(rows.map((row) => row.day));
}

/**
 * Counts the user's cards due per UTC day from `today` until `end`:
 * cards already overdue count on today. New cards (state 0), suspended
 * cards and cards no longer published are left out, as the review queue
 * leaves them out.
 */
export async function dueCountsByDay(
  prisma: PrismaClient,
  userId: string,
  today: Date,
  end: Date,
): Promise<Map<string, number>> {
  const rows = await prisma.$queryRaw<{ day: string; count: number }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, count
    FROM (
      SELECT greatest(date_trunc('day', cs."due"), ${utc(today)}::timestamp) AS day,
             count(*)::int AS count
      FROM "CardState" cs
      JOIN "Flashcard" f ON f."id" = cs."cardId"
      WHERE cs."userId" = ${userId}
        AND NOT cs."suspended"
        AND cs."state" <> 0
        AND f."published"
        AND cs."due" < ${utc(end)}::timestamp
      GROUP BY 1
    ) AS days
    ORDER BY 1`;
  return new Map(rows.map((row) => [row.day, row.count]));
}

/** Mean score of one drill's non-lab attempts in one week. */
export interface DrillScoreRow {
  week: string;
  drillNumber: number;
  drillTitle: string;
  score: number;
  attempts: number;
}

/**
 * Averages the user's attempt scores (0 to 1) per ISO week and drill, lab
 * questions left out, from `from` on.
 */
export async function drillScoresByWeek(
  prisma: PrismaClient,
  userId: string,
  from: Date,
): Promise<DrillScoreRow[]> {
  return prisma.$queryRaw<DrillScoreRow[]>`
    SELECT to_char(week, 'YYYY-MM-DD') AS week, "drillNumber", "drillTitle", score, attempts
    FROM (
      SELECT date_trunc('week', a."createdAt") AS week,
             d."number" AS "drillNumber",
             d."title" AS "drillTitle",
             avg(a."score")::float8 AS score,
             count(*)::int AS attempts
      FROM "Attempt" a
      JOIN "Question" q ON q."id" = a."questionId"
      JOIN "Drill" d ON d."id" = q."drillId"
      WHERE a."userId" = ${userId}
        AND q."kind" <> 'LAB'
        AND a."createdAt" >= ${utc(from)}::timestamp
      GROUP BY 1, 2, 3
    ) AS weeks
    ORDER BY 1, 2`;
}

/** Mean score of the lab-question attempts in one week. */
export interface LabScoreRow {
  week: string;
  score: number;
  attempts: number;
}

/**
 * Averages the user's lab-question scores (answers checked against the
 * learner's own lab runs, 0 to 1) per ISO week, from `from` on.
 */
export async function labScoresByWeek(
  prisma: PrismaClient,
  userId: string,
  from: Date,
): Promise<LabScoreRow[]> {
  return prisma.$queryRaw<LabScoreRow[]>`
    SELECT to_char(week, 'YYYY-MM-DD') AS week, score, attempts
    FROM (
      SELECT date_trunc('week', a."createdAt") AS week,
             avg(a."score")::float8 AS score,
             count(*)::int AS attempts
      FROM "Attempt" a
      JOIN "Question" q ON q."id" = a."questionId"
      WHERE a."userId" = ${userId}
        AND q."kind" = 'LAB'
        AND a."createdAt" >= ${utc(from)}::timestamp
      GROUP BY 1
    ) AS weeks
    ORDER BY 1`;
}

/** A rubric-scored answer chosen as evidence for a topic's level. */
export interface RecentScoredAnswer {
  source: "mock" | "attempt";
  id: string;
  at: Date;
  topicId: string;
}

/**
 * Picks each topic's most recent rubric-scored answers: submitted mock
 * interview answers and free-text drill attempts, at most `perTopic` per
 * topic (a window function, so a year of attempts is never read whole).
 */
export async function recentScoredAnswers(
  prisma: PrismaClient,
  userId: string,
  perTopic: number,
): Promise<RecentScoredAnswer[]> {
  return prisma.$queryRaw<RecentScoredAnswer[]>`
    WITH scored AS (
      SELECT 'mock'::text AS source, ma."id", ma."submittedAt" AS at, d."topicId"
      FROM "MockAnswer" ma
      JOIN "MockInterview" mi ON mi."id" = ma."interviewId"
      JOIN "Drill" d ON d."id" = ma."drillId"
      WHERE mi."userId" = ${userId}
        AND ma."submittedAt" IS NOT NULL
        AND ma."autoScores" IS NOT NULL
      UNION ALL
      SELECT 'attempt'::text, a."id", a."createdAt", d."topicId"
      FROM "Attempt" a
      JOIN "Question" q ON q."id" = a."questionId"
      JOIN "Drill" d ON d."id" = q."drillId"
      WHERE a."userId" = ${userId} AND q."kind" = 'FREE_TEXT'
    ),
    ranked AS (
      SELECT *, row_number() OVER (PARTITION BY "topicId" ORDER BY at DESC, "id") AS rank
      FROM scored
    )
    SELECT source, "id", at, "topicId" FROM ranked
    WHERE rank <= ${perTopic}
    ORDER BY "topicId", at DESC`;
}
