import { createEmptyCard, fsrs, type FSRS } from "ts-fsrs";

import {
  copyCardState,
  fromFsrsCard,
  fromFsrsLog,
  toFsrsCard,
  type ReviewRating,
  type SrsCardState,
  type SrsReviewLog,
} from "./card-state";

/** Desired retention when an account has not chosen one. */
export const defaultDesiredRetention = 0.9;

export interface SchedulerOptions {
  /**
   * Probability of recall the scheduler aims for at each due date, in
   * (0, 1); default 0.9. Higher values mean shorter intervals and more
   * reviews.
   */
  desiredRetention?: number;
  /** Maximum interval in days; default 36500, the ts-fsrs 5.4.2 default. */
  maximumInterval?: number;
  /** Whether to spread long intervals randomly; default false, as in ts-fsrs. */
  enableFuzz?: boolean;
}

/** The result of one review: the new state and the log entry to store. */
export interface ReviewOutcome {
  state: SrsCardState;
  log: SrsReviewLog;
}

/** A review log as stored: undone reviews are skipped on replay. */
export type StoredReviewLog = SrsReviewLog & { undone?: boolean };

export interface Scheduler {
  readonly desiredRetention: number;
  /** Returns the state of a card never reviewed, due at `now`. */
  newCard(now: Date): SrsCardState;
  /** Applies a grade to a card at `now`. */
  review(card: SrsCardState, rating: ReviewRating, now: Date): ReviewOutcome;
  /** Rebuilds a card's state by replaying its logs in review order. */
  recompute(logs: readonly StoredReviewLog[]): SrsCardState;
  /** Probability of recalling the card at `now`, in [0, 1]. */
  retrievability(card: SrsCardState, now: Date): number;
}

/**
 * Creates a scheduler over ts-fsrs 5 (FSRS-6) with its default weights
 * and learning steps, for one account's desired retention.
 *
 * The scheduler's review throws RangeError on a rating outside 1–4, an
 * invalid date, or a review time before the card's last review.
 *
 * @throws RangeError when desiredRetention is not in (0, 1) or
 *   maximumInterval is not a positive integer.
 */
export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const desiredRetention = options.desiredRetention ?? defaultDesiredRetention;
  if (!(desiredRetention > 0 && desiredRetention < 1)) {
    throw new RangeError(
      `desiredRetention ${desiredRetention} is out of range; use a probability between 0 and 1, such as 0.9`,
    );
  }
  const maximumInterval = options.maximumInterval;
  if (
    maximumInterval !== undefined &&
    !(Number.isInteger(maximumInterval) && maximumInterval > 0)
  ) {
    throw new RangeError(
      `maximumInterval ${maximumInterval} is invalid; use a whole number of days of at least 1`,
    );
  }

  const engine: FSRS = fsrs({
    request_retention: desiredRetention,
    enable_fuzz: options.enableFuzz ?? false,
    ...(maximumInterval === undefined
      ? {}
      : { maximum_interval: maximumInterval }),
  });

  function review(
    card: SrsCardState,
    rating: ReviewRating,
    now: Date,
  ): ReviewOutcome {
    checkRating(rating);
    checkDate(now, "now");
    if (card.lastReview && now.getTime() < card.lastReview.getTime()) {
      throw new RangeError(
        `review time ${now.toISOString()} is before the card's last review at ${card.lastReview.toISOString()}; reviews must be applied in time order`,
      );
    }
    const { card: next, log } = engine.next(toFsrsCard(card), now, rating);
    return { state: fromFsrsCard(next), log: fromFsrsLog(log, card) };
  }

  return {
    desiredRetention,
    newCard: (now) => fromFsrsCard(createEmptyCard(now)),
    review,
    recompute(logs) {
      const replayed = logs
        .filter((log) => !log.undone)
        .toSorted((a, b) => a.review.getTime() - b.review.getTime());
      if (replayed.length === 0) {
        throw new RangeError(
          "no review logs to replay; pass at least one log that is not undone",
        );
      }

      let state = copyCardState(replayed[0].previousState);
      for (const log of replayed) {
        state = review(state, log.rating, log.review).state;
      }
      return state;
    },
    retrievability: (card, now) =>
      engine.get_retrievability(toFsrsCard(card), now, false),
  };
}

/**
 * Returns the card state from before the logged review, which is what
 * undoing that review restores. ts-fsrs's own rollback rebuilds the
 * state from the log's fields and cannot restore the old due date, so
 * the log keeps the whole previous state.
 */
export function undo(log: SrsReviewLog): SrsCardState {
  return copyCardState(log.previousState);
}

function checkRating(rating: number): void {
  if (!(Number.isInteger(rating) && rating >= 1 && rating <= 4)) {
    throw new RangeError(
      `rating ${rating} is invalid; use 1 (again), 2 (hard), 3 (good) or 4 (easy)`,
    );
  }
}

function checkDate(date: Date, name: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`${name} is not a valid date; pass a Date`);
  }
}
