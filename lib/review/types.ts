/** FSRS grades in ts-fsrs numbering: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type ReviewRating = 1 | 2 | 3 | 4;

export const ratingLabels: Record<ReviewRating, string> = {
  1: "Again",
  2: "Hard",
  3: "Good",
  4: "Easy",
};

/** The card at the head of the queue, as the review page shows it. */
export interface ReviewCardView {
  id: string;
  front: string;
  back: string;
  deckTitle: string;
  tags: string[];
  /** True when the learner has never reviewed this card. */
  isNew: boolean;
}

/** What one grade would schedule: the rating and the time until the next review. */
export interface IntervalPreview {
  rating: ReviewRating;
  label: string;
  /** Short form such as "10m" or "4d". */
  interval: string;
}

/**
 * The learner's queue at one moment, in the shape the review page needs.
 * Dates are ISO 8601 strings so the object crosses the server-action
 * boundary unchanged.
 */
export interface QueueSnapshot {
  card: ReviewCardView | null;
  /** Next-interval previews for `card`, one per rating; empty without a card. */
  intervals: IntervalPreview[];
  /** Reviewed cards due now, suspended ones excluded. */
  dueNow: number;
  /** New cards the learner may still start today (UTC) under the daily limit. */
  newLeft: number;
  /** dueNow + newLeft. */
  dueCount: number;
  /** When the next card falls due, or null when none is scheduled. */
  nextDueAt: string | null;
  /** The server's clock when the snapshot was taken. */
  generatedAt: string;
}
