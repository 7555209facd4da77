import type { PrismaClient } from "@/lib/generated/prisma/client";

import {
  addDays,
  dailyCounts,
  currentStreak,
  dayKey,
  type Streak,
} from "./calendar";
import { levelRule } from "./level";
import {
  allReviewDays,
  drillScoresByWeekSql,
  dueCountsByDaySql,
  labScoresByWeekSql,
  reviewStatsByDaySql,
  type DrillScoreRow,
  type DueDayRow,
  type LabScoreRow,
  type ReviewDayRow,
} from "./queries";
import {
  publishedTopicsSql,
  recentScoredAnswersSql,
  type ScoredAnswerRow,
  type TopicRow,
} from "./topic-level-queries";
import { topicLevelsFromRows, type TopicLevel } from "./topic-levels";

/** Days the review calendar shows. */
export const calendarDays = 365;
/** Days the due forecast shows, today included. */
export const forecastDays = 30;
/** Weeks the retention and score charts show. */
export const chartWeeks = 52;

export interface RetentionPoint {
  week: string;
  /** Share of counted reviews recalled, 0 to 1. */
  retention: number;
  passed: number;
  total: number;
}

/** One week of the score chart: mean score per drill and for labs, 0 to 1. */
export interface ScorePoint {
  week: string;
  /** Series key ("drill-1", ..., "labs") → mean score. */
  [series: string]: number | string;
}

export interface ScoreSeries {
  key: string;
  label: string;
}

/** The one row of the statement that reads every series. */
interface DashboardSeriesRow {
  /** Null when the user does not exist. */
  desiredRetention: number | null;
  reviewDays: ReviewDayRow[];
  dueDays: DueDayRow[];
  drillWeeks: DrillScoreRow[];
  labWeeks: LabScoreRow[];
  topics: TopicRow[];
  recentAnswers: ScoredAnswerRow[];
}

/** Everything the progress page shows, as plain data. */
export interface DashboardData {
  userId: string;
  /** Today's UTC day, YYYY-MM-DD. */
  today: string;
  calendar: {
    /** First day shown (YYYY-MM-DD), 364 days before today. */
    firstDay: string;
    /**
     * Reviews per day from firstDay to today, one entry per day (see
     * calendarLayout in lib/progress/calendar.ts for the cells).
     */
    counts: number[];
    totalReviews: number;
    maxPerDay: number;
    activeDays: number;
    streak: Streak;
  };
  retention: {
    weeks: RetentionPoint[];
    desired: number;
    /** Over all shown weeks; null without counted reviews. */
    overall: number | null;
    counted: number;
  };
  forecast: { days: { day: string; due: number }[]; total: number };
  scores: { points: ScorePoint[]; series: ScoreSeries[] };
  levels: TopicLevel[];
}

/**
 * Loads the progress dashboard of one user at time `now`. It contains the
 * reviews per day over the last 365 days with the current streak, true
 * retention per week beside the desired retention, and the cards due per
 * day for 30 days. It also contains drill and lab scores per week and a
 * level estimate per topic with its evidence. Every series is aggregated
 * in SQL, in one statement, plus a second only for a streak longer than
 * the calendar.
 *
 * @throws Error when the user does not exist.
 * @throws UserError when a mock answer's pinned rubric version is missing.
 */
export async function loadDashboard(
  prisma: PrismaClient,
  userId: string,
  now: Date,
): Promise<DashboardData> {
  const today = dayKey(now);
  const startOfToday = new Date(`${today}T00:00:00.000Z`);
  const tomorrow = new Date(`${addDays(today, 1)}T00:00:00.000Z`);
  const calendarStart = new Date(
    `${addDays(today, -(calendarDays - 1))}T00:00:00.000Z`,
  );
  const chartStart = new Date(
    `${addDays(today, -7 * chartWeeks)}T00:00:00.000Z`,
  );
  const forecastEnd = new Date(`${addDays(today, forecastDays)}T00:00:00.000Z`);

  const reviewStart = calendarStart < chartStart ? calendarStart : chartStart;
  // One statement, because each round trip to PostgreSQL costs the
  // server more CPU time than these aggregations.
  const [seriesRow] = await prisma.$queryRaw<DashboardSeriesRow[]>`
    SELECT (SELECT "desiredRetention" FROM "User" WHERE "id" = ${userId})
             AS "desiredRetention",
           (${reviewStatsByDaySql(userId, reviewStart, tomorrow)}) AS "reviewDays",
           (${dueCountsByDaySql(userId, startOfToday, forecastEnd)}) AS "dueDays",
           (${drillScoresByWeekSql(userId, chartStart)}) AS "drillWeeks",
           (${labScoresByWeekSql(userId, chartStart)}) AS "labWeeks",
           (${publishedTopicsSql()}) AS topics,
           (${recentScoredAnswersSql(userId, levelRule.recentAnswersPerTopic)})
             AS "recentAnswers"`;
  if (seriesRow.desiredRetention === null) {
    throw new Error(
      `User ${userId} not found, so there is no dashboard to load. Pass the id of an existing account.`,
    );
  }
  const levels = await topicLevelsFromRows(
    prisma,
    seriesRow.topics,
    seriesRow.recentAnswers,
  );
  const dueCounts = new Map(
    seriesRow.dueDays.map((row) => [row.day, row.count]),
  );

  const counts = new Map<string, number>();
  const retentionByWeek = new Map<string, { passed: number; total: number }>();
  const calendarFirstDay = dayKey(calendarStart);
  const chartFirstDay = dayKey(chartStart);
  for (const row of seriesRow.reviewDays) {
    if (row.day >= calendarFirstDay) counts.set(row.day, row.reviews);
    if (row.day < chartFirstDay || row.counted === 0) continue;
    const sums = retentionByWeek.get(row.week) ?? { passed: 0, total: 0 };
    sums.passed += row.passed;
    sums.total += row.counted;
    retentionByWeek.set(row.week, sums);
  }

  const dayCounts = dailyCounts(counts, calendarFirstDay, calendarDays);
  const reviewDaySet = new Set(counts.keys());
  let streak = currentStreak(reviewDaySet, today);
  if (streak.days >= calendarDays - 1) {
    // The streak may go back past the calendar: add the older days.
    for (const day of await allReviewDays(prisma, userId, calendarStart)) {
      reviewDaySet.add(day);
    }
    streak = currentStreak(reviewDaySet, today);
  }
  const countValues = [...counts.values()];

  const weeks = [...retentionByWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, sums]) => ({
      week,
      retention: sums.passed / sums.total,
      passed: sums.passed,
      total: sums.total,
    }));
  const counted = weeks.reduce((sum, week) => sum + week.total, 0);
  const passed = weeks.reduce((sum, week) => sum + week.passed, 0);

  const forecast = Array.from({ length: forecastDays }, (_, index) => {
    const day = addDays(today, index);
    return { day, due: dueCounts.get(day) ?? 0 };
  });

  const series = new Map<string, string>();
  const byWeek = new Map<string, ScorePoint>();
  const pointOf = (week: string) => {
    let point = byWeek.get(week);
    if (!point) {
      point = { week };
      byWeek.set(week, point);
    }
    return point;
  };
  for (const row of seriesRow.drillWeeks) {
    const key = `drill-${row.drillNumber}`;
    series.set(key, `Drill ${row.drillNumber}`);
    pointOf(row.week)[key] = row.score;
  }
  for (const row of seriesRow.labWeeks) {
    series.set("labs", "Lab questions");
    pointOf(row.week).labs = row.score;
  }

  return {
    userId,
    today,
    calendar: {
      firstDay: calendarFirstDay,
      counts: dayCounts,
      totalReviews: countValues.reduce((sum, count) => sum + count, 0),
      maxPerDay: countValues.reduce((max, count) => Math.max(max, count), 0),
      activeDays: counts.size,
      streak,
    },
    retention: {
      weeks,
      desired: seriesRow.desiredRetention,
      overall: counted > 0 ? passed / counted : null,
      counted,
    },
    forecast: {
      days: forecast,
      total: forecast.reduce((sum, day) => sum + day.due, 0),
    },
    scores: {
      points: [...byWeek.values()].sort((a, b) =>
        String(a.week).localeCompare(String(b.week)),
      ),
      series: [...series.entries()]
        .sort(([a], [b]) =>
          a === "labs"
            ? 1
            : b === "labs"
              ? -1
              : a.localeCompare(b, "en", { numeric: true }),
        )
        .map(([key, label]) => ({ key, label })),
    },
    levels,
  };
}
