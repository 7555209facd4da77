/**
 * True retention: the share of reviews of cards that had been out of
 * learning for at least a day and were recalled. A review counts when the
 * card was in the Review state before it (ts-fsrs State.Review = 2) and at
 * least one whole day had passed since the previous review; it passes when
 * it was not graded Again (ts-fsrs Rating.Again = 1). Learning and
 * relearning steps within a day are left out because they measure
 * short-term memory, not the retention FSRS schedules for.
 *
 * The dashboard computes the same numbers in SQL (lib/progress/queries.ts);
 * these functions define the rule and check that query in tests.
 */

/** ts-fsrs State.Review. */
export const reviewState = 2;
/** ts-fsrs Rating.Again. */
export const againRating = 1;

/** The fields of a ReviewLog row that true retention reads. */
export interface RetentionReview {
  /** Card state before the review (ts-fsrs State). */
  state: number;
  /** Whole days since the card's previous review. */
  elapsedDays: number;
  /** ts-fsrs Rating, 1 to 4. */
  rating: number;
}

export interface RetentionCount {
  /** Counted reviews not graded Again. */
  passed: number;
  /** Counted reviews. */
  total: number;
  /** passed / total, or null when no review counts. */
  retention: number | null;
}

/** Returns true when a review counts towards true retention. */
export function countsForRetention(review: RetentionReview): boolean {
  return review.state === reviewState && review.elapsedDays >= 1;
}

/** Computes true retention over a set of reviews. */
export function trueRetention(
  reviews: Iterable<RetentionReview>,
): RetentionCount {
  let passed = 0;
  let total = 0;
  for (const review of reviews) {
    if (!countsForRetention(review)) continue;
    total += 1;
    if (review.rating !== againRating) passed += 1;
  }
  return { passed, total, retention: total > 0 ? passed / total : null };
}

/**
 * Returns the Monday 00:00 UTC that starts the ISO week of a time, as
 * PostgreSQL's date_trunc('week', t) does for a UTC timestamp.
 */
export function weekStartUtc(time: Date): Date {
  const day = new Date(
    Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate()),
  );
  // getUTCDay: Sunday 0 ... Saturday 6; ISO weeks start on Monday.
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day;
}

/** One week of true retention. */
export interface WeeklyRetention extends RetentionCount {
  /** Monday of the week, YYYY-MM-DD (UTC). */
  week: string;
}

/**
 * Computes true retention per ISO week (UTC), oldest week first. Weeks
 * without a counted review are left out.
 */
export function weeklyTrueRetention(
  reviews: Iterable<RetentionReview & { review: Date }>,
): WeeklyRetention[] {
  const byWeek = new Map<string, RetentionReview[]>();
  for (const review of reviews) {
    if (!countsForRetention(review)) continue;
    const week = weekStartUtc(review.review).toISOString().slice(0, 10);
    const list = byWeek.get(week);
    if (list) list.push(review);
    else byWeek.set(week, [review]);
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, list]) => ({ week, ...trueRetention(list) }));
}
