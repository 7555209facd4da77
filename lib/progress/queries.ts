import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The dashboard's aggregations, grouped in PostgreSQL so that the server
 * reads one row per day or week, not one per review. Times are UTC:
 * Prisma stores DateTime as UTC in `timestamp(3)` columns, and every bound
 * is passed as an ISO string cast to `timestamp`, which drops the "Z" and
 * so compares UTC with UTC whatever the session's time zone. Each query
 * groups by the truncated timestamp and formats only the grouped rows:
 * formatting every row before grouping made the yearly calendar query
 * about four times slower.
 *
 * The `...Sql` functions return scalar subqueries whose value is a JSON
 * array, so that loadDashboard can read all of them in one statement,
 * because a round trip to PostgreSQL costs the server more CPU time than
 * these small aggregations.
 */

function utc(time: Date): string {
  return time.toISOString();
}

/** One UTC day of the user's reviews. */
export interface ReviewDayRow {
  /** YYYY-MM-DD. */
  day: string;
  /** Monday of the day's ISO week, YYYY-MM-DD. */
  week: string;
  /** Reviews, undone ones left out. */
  reviews: number;
  /** Reviews that count for true retention (see lib/progress/retention.ts). */
  counted: number;
  /** Counted reviews not graded Again. */
  passed: number;
}

/**
 * Returns a scalar subquery whose value is a JSON array of ReviewDayRow:
 * the user's reviews per UTC day in [from, to), oldest day first, undone
 * reviews left out. Each day also carries its true-retention counts. Those
 * are the reviews of cards in the Review state (2) at least one day after
 * the previous review, and those of them not graded Again (1). One scan
 * serves both the calendar and the weekly retention, which the caller
 * sums from these days.
 */
export function reviewStatsByDaySql(
  userId: string,
  from: Date,
  to: Date,
): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(
             json_agg(json_build_object(
                        'day', to_char(day, 'YYYY-MM-DD'),
                        'week', to_char(date_trunc('week', day), 'YYYY-MM-DD'),
                        'reviews', reviews,
                        'counted', counted,
                        'passed', passed)
                      ORDER BY day),
             '[]'::json)
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
    ) AS days`;
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

/** Cards due on one UTC day. */
export interface DueDayRow {
  /** YYYY-MM-DD. */
  day: string;
  count: number;
}

/**
 * Returns a scalar subquery whose value is a JSON array of DueDayRow: the
 * user's cards due per UTC day from `today` until `end`, oldest day first.
 * Cards already overdue count on today. New cards (state 0), suspended
 * cards and cards no longer published are left out, as the review queue
 * leaves them out.
 */
export function dueCountsByDaySql(
  userId: string,
  today: Date,
  end: Date,
): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(
             json_agg(json_build_object('day', to_char(day, 'YYYY-MM-DD'), 'count', count)
                      ORDER BY day),
             '[]'::json)
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
    ) AS days`;
}

/** Mean score of one drill's non-lab attempts in one week. */
export interface DrillScoreRow {
  /** Monday of the ISO week (UTC), YYYY-MM-DD. */
  week: string;
  drillNumber: number;
  /** Mean attempt score, 0 to 1. */
  score: number;
  attempts: number;
}

/**
 * Returns a scalar subquery whose value is a JSON array of DrillScoreRow:
 * the user's mean attempt score (0 to 1) per ISO week and drill from
 * `from` on, lab questions left out, ordered by week and drill number.
 */
export function drillScoresByWeekSql(userId: string, from: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(
             json_agg(json_build_object(
                        'week', to_char(week, 'YYYY-MM-DD'),
                        'drillNumber', "drillNumber",
                        'score', score,
                        'attempts', attempts)
                      ORDER BY week, "drillNumber"),
             '[]'::json)
    FROM (
      SELECT date_trunc('week', a."createdAt") AS week,
             d."number" AS "drillNumber",
             avg(a."score")::float8 AS score,
             count(*)::int AS attempts
      FROM "Attempt" a
      JOIN "Question" q ON q."id" = a."questionId"
      JOIN "Drill" d ON d."id" = q."drillId"
      WHERE a."userId" = ${userId}
        AND q."kind" <> 'LAB'
        AND a."createdAt" >= ${utc(from)}::timestamp
      GROUP BY 1, 2
    ) AS weeks`;
}

/** Mean score of the lab-question attempts in one week. */
export interface LabScoreRow {
  /** Monday of the ISO week (UTC), YYYY-MM-DD. */
  week: string;
  /** Mean attempt score, 0 to 1. */
  score: number;
  attempts: number;
}

/**
 * Returns a scalar subquery whose value is a JSON array of LabScoreRow:
 * the user's mean lab-question score (answers checked against the
 * learner's own lab runs, 0 to 1) per ISO week from `from` on, oldest
 * week first.
 */
export function labScoresByWeekSql(userId: string, from: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(
             json_agg(json_build_object(
                        'week', to_char(week, 'YYYY-MM-DD'),
                        'score', score,
                        'attempts', attempts)
                      ORDER BY week),
             '[]'::json)
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
    ) AS weeks`;
}
