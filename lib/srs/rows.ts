import { z } from "zod";

import {
  copyCardState,
  type ReviewRating,
  type SrsCardState,
  type SrsReviewLog,
} from "./card-state";

/**
 * Scheduling columns of the CardState table (prisma/schema.prisma). The
 * caller adds userId, cardId and suspended.
 */
export interface CardStateRow {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
}

/**
 * Review columns of the ReviewLog table. `previousState` is the Json
 * column: a card state with ISO 8601 date strings.
 */
export interface ReviewLogRow {
  rating: number;
  state: number;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  review: Date;
  previousState: unknown;
  undone?: boolean;
}

/** A card state as stored in ReviewLog.previousState. */
export type CardStateJson = Omit<SrsCardState, "due" | "lastReview"> & {
  due: string;
  lastReview: string | null;
};

const isoDate = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value));

const cardStateNumbers = {
  stability: z.number().finite(),
  difficulty: z.number().finite(),
  elapsedDays: z.number().int().nonnegative(),
  scheduledDays: z.number().int().nonnegative(),
  learningSteps: z.number().int().nonnegative(),
  reps: z.number().int().nonnegative(),
  lapses: z.number().int().nonnegative(),
  state: z.number().int().min(0).max(3),
};

const previousStateSchema = z.object({
  ...cardStateNumbers,
  due: isoDate,
  lastReview: isoDate.nullable(),
});

const cardStateRowSchema = z.object({
  ...cardStateNumbers,
  due: z.date(),
  lastReview: z.date().nullable(),
});

/**
 * Reads a CardState row into a card state.
 *
 * @throws RangeError naming the column when a value is out of range (a
 *   state outside 0–3, a negative count, an invalid date).
 */
export function cardStateFromRow(row: CardStateRow): SrsCardState {
  const parsed = cardStateRowSchema.safeParse(row);
  if (!parsed.success) throw rangeError("CardState", parsed.error);
  return copyCardState(parsed.data as SrsCardState);
}

/** Returns the CardState scheduling columns for a card state. */
export function cardStateToRow(state: SrsCardState): CardStateRow {
  return copyCardState(state);
}

/** Returns the ReviewLog columns for a review log. */
export function reviewLogToRow(log: SrsReviewLog): ReviewLogRow {
  return {
    rating: log.rating,
    state: log.state,
    due: new Date(log.due),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsedDays,
    lastElapsedDays: log.lastElapsedDays,
    scheduledDays: log.scheduledDays,
    learningSteps: log.learningSteps,
    review: new Date(log.review),
    previousState: cardStateToJson(log.previousState),
  };
}

/**
 * Reads a ReviewLog row into a review log, parsing its previousState.
 *
 * @throws RangeError naming the field when the rating is not 1–4 or
 *   previousState is not a stored card state.
 */
export function reviewLogFromRow(
  row: ReviewLogRow,
): SrsReviewLog & { undone: boolean } {
  if (!(Number.isInteger(row.rating) && row.rating >= 1 && row.rating <= 4)) {
    throw new RangeError(
      `ReviewLog.rating ${row.rating} is invalid; a stored review has a rating of 1 to 4`,
    );
  }
  const previous = previousStateSchema.safeParse(row.previousState);
  if (!previous.success) {
    throw rangeError("ReviewLog.previousState", previous.error);
  }

  return {
    rating: row.rating as ReviewRating,
    state: row.state,
    due: new Date(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    lastElapsedDays: row.lastElapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    review: new Date(row.review),
    previousState: previous.data as SrsCardState,
    undone: row.undone ?? false,
  };
}

/** Serializes a card state for a Json column; dates become ISO strings. */
export function cardStateToJson(state: SrsCardState): CardStateJson {
  return {
    due: state.due.toISOString(),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsedDays: state.elapsedDays,
    scheduledDays: state.scheduledDays,
    learningSteps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    lastReview: state.lastReview ? state.lastReview.toISOString() : null,
  };
}

function rangeError(where: string, error: z.ZodError): RangeError {
  const issue = error.issues[0];
  const field = issue.path.join(".");
  return new RangeError(
    `${where}${field ? `.${field}` : ""} is invalid: ${issue.message}`,
  );
}
