/**
 * Day arithmetic for the review calendar and the streak. Days are UTC
 * calendar days written YYYY-MM-DD, the same keys the SQL aggregation
 * returns from date_trunc('day', review).
 */

const dayMs = 86_400_000;

/** Returns the UTC day key (YYYY-MM-DD) of a time. */
export function dayKey(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/** Returns the day key `offset` days after (or before, if negative) a day. */
export function addDays(day: string, offset: number): string {
  return dayKey(new Date(Date.parse(`${day}T00:00:00Z`) + offset * dayMs));
}

/** One cell of the calendar heatmap. */
export interface CalendarCell {
  day: string;
  count: number;
  /** Column: weeks since the first shown week, 0-based. */
  week: number;
  /** Row: 0 Monday ... 6 Sunday. */
  weekday: number;
}

/**
 * Lays out the last `days` days up to and including `today` as a calendar
 * of week columns and weekday rows, with each day's review count (0 when
 * the day is missing from `counts`).
 *
 * @throws RangeError when `days` is not a positive whole number.
 */
export function calendarCells(
  counts: ReadonlyMap<string, number>,
  today: string,
  days = 365,
): CalendarCell[] {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`days must be a positive whole number, got ${days}.`);
  }
  const first = addDays(today, -(days - 1));
  return calendarLayout(first, dailyCounts(counts, first, days));
}

/**
 * Lists the review counts of `days` consecutive days from `firstDay` on,
 * 0 for a day missing from `counts`. Days outside the range are ignored.
 * It visits only the entries of `counts`, because formatting a key for
 * each of the 365 days costs more than the rest of the calendar.
 */
export function dailyCounts(
  counts: ReadonlyMap<string, number>,
  firstDay: string,
  days: number,
): number[] {
  const firstMs = Date.parse(`${firstDay}T00:00:00Z`);
  const result = new Array<number>(days).fill(0);
  for (const [day, count] of counts) {
    const index = (Date.parse(`${day}T00:00:00Z`) - firstMs) / dayMs;
    if (index >= 0 && index < days) result[index] = count;
  }
  return result;
}

/**
 * Lays out consecutive days from `firstDay` on, one per entry of `counts`
 * (reviews that day), as calendarCells does. The page sends the chart
 * these counts instead of the cells, because the browser can rebuild the
 * days and their places from the first day.
 */
export function calendarLayout(
  firstDay: string,
  counts: readonly number[],
): CalendarCell[] {
  const firstMs = Date.parse(`${firstDay}T00:00:00Z`);
  const firstWeekday = (new Date(firstMs).getUTCDay() + 6) % 7;
  return counts.map((count, index) => {
    const slot = firstWeekday + index;
    return {
      day: dayKey(new Date(firstMs + index * dayMs)),
      count,
      week: Math.floor(slot / 7),
      weekday: slot % 7,
    };
  });
}

/** The current streak of review days. */
export interface Streak {
  /** Consecutive days with at least one review. */
  days: number;
  /** Last day of the streak, or null when there is none. */
  lastDay: string | null;
}

/**
 * Counts the consecutive days with reviews that end today, or yesterday
 * when today has no review yet: a streak stays alive until a whole day
 * passes without a review.
 */
export function currentStreak(
  reviewDays: ReadonlySet<string>,
  today: string,
): Streak {
  let end = today;
  if (!reviewDays.has(end)) end = addDays(today, -1);
  if (!reviewDays.has(end)) return { days: 0, lastDay: null };

  let days = 0;
  let day = end;
  while (reviewDays.has(day)) {
    days += 1;
    day = addDays(day, -1);
  }
  return { days, lastDay: end };
}
