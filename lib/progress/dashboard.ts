import type { PrismaClient } from "@/lib/generated/prisma/client";

import {
  addDays,
  calendarCells,
  currentStreak,
  dayKey,
  type CalendarCell,
  type Streak,
} from "./calendar";
import {
  allReviewDays,
  drillScoresByWeek,
  dueCountsByDay,
  labScoresByWeek,
  reviewStatsByDay,
} from "./queries";
import { weekStartUtc } from "./retention";
import { loadTopicLevels, type TopicLevel } from "./topic-levels";

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

/** Everything the progress page shows, as plain data. */
export interface DashboardData {
  userId: string;
  /** Today's UTC day, YYYY-MM-DD. */
  today: string;
  calendar: {
    cells: CalendarCell[];
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
 * in SQL.
 *
 * @throws Error from Prisma when the user does not exist.
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
  const [user, reviewDays, dueCounts, drillRows, labRows, levels] =
    await Promise.all([
      prisma.user.findUniqueOrThrow({
        where: { id: userId },
        select: { desiredRetention: true },
      }),
      reviewStatsByDay(prisma, userId, reviewStart, tomorrow),
      dueCountsByDay(prisma, userId, startOfToday, forecastEnd),
      drillScoresByWeek(prisma, userId, chartStart),
      labScoresByWeek(prisma, userId, chartStart),
      loadTopicLevels(prisma, userId),
    ]);

  const counts = new Map<string, number>();
  const retentionByWeek = new Map<string, { passed: number; total: number }>();
  const calendarFirstDay = dayKey(calendarStart);
  const chartFirstDay = dayKey(chartStart);
  for (const row of reviewDays) {
    if (row.day >= calendarFirstDay) counts.set(row.day, row.reviews);
    if (row.day < chartFirstDay || row.counted === 0) continue;
    const week = dayKey(weekStartUtc(new Date(`${row.day}T00:00:00Z`)));
    const sums = retentionByWeek.get(week) ?? { passed: 0, total: 0 };
    sums.passed += row.passed;
    sums.total += row.counted;
    retentionByWeek.set(week, sums);
  }

  const cells = calendarCells(counts, today, calendarDays);
  let streak = currentStreak(new Set(counts.keys()), today);
  if (streak.days >= calendarDays - 1) {
    // The streak may go back past the calendar: count it over all days.
    streak = currentStreak(
      await allReviewDays(prisma, userId, tomorrow),
      today,
    );
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
  for (const row of drillRows) {
    const key = `drill-${row.drillNumber}`;
    series.set(key, `Drill ${row.drillNumber}`);
    pointOf(row.week)[key] = row.score;
  }
  for (const row of labRows) {
    series.set("labs", "Lab questions");
    pointOf(row.week).labs = row.score;
  }

  return {
    userId,
    today,
    calendar: {
      cells,
      totalReviews: countValues.reduce((sum, count) => sum + count, 0),
      maxPerDay: countValues.reduce((max, count) => Math.max(max, count), 0),
      activeDays: counts.size,
      streak,
    },
    retention: {
      weeks,
      desired: user.desiredRetention,
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
