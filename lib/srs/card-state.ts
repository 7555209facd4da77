import { State, type Card, type Grade, type ReviewLog } from "ts-fsrs";

export { Rating, State } from "ts-fsrs";

/** A review grade: 1 again, 2 hard, 3 good, 4 easy (ts-fsrs Rating). */
export type ReviewRating = Grade;

/** FSRS memory state of one card for one learner. */
export interface SrsCardState {
  due: Date;
  stability: number;
  difficulty: number;
  /** Days between the two latest reviews (ts-fsrs keeps it for logs). */
  elapsedDays: number;
  /** Days from the latest review to `due`. */
  scheduledDays: number;
  /** Index into the (re)learning steps for cards in those states. */
  learningSteps: number;
  reps: number;
  lapses: number;
  state: State;
  lastReview: Date | null;
}

/**
 * One review as ts-fsrs logs it (memory state before the review, the
 * grade, the time), plus the full card state before the review so the
 * review can be undone exactly.
 */
export interface SrsReviewLog {
  rating: ReviewRating;
  state: State;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  review: Date;
  previousState: SrsCardState;
}

/** Converts a card state to the ts-fsrs Card shape. */
export function toFsrsCard(state: SrsCardState): Card {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    last_review: state.lastReview ? new Date(state.lastReview) : undefined,
  };
}

/** Converts a ts-fsrs Card to a card state. */
export function fromFsrsCard(card: Card): SrsCardState {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? new Date(card.last_review) : null,
  };
}

/** Converts a ts-fsrs ReviewLog, with the state it started from, to a log. */
export function fromFsrsLog(
  log: ReviewLog,
  previousState: SrsCardState,
): SrsReviewLog {
  return {
    rating: log.rating as ReviewRating,
    state: log.state,
    due: new Date(log.due),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    review: new Date(log.review),
    previousState: copyCardState(previousState),
  };
}

/** Returns a deep copy, so callers cannot alias each other's dates. */
export function copyCardState(state: SrsCardState): SrsCardState {
  return {
    ...state,
    due: new Date(state.due),
    lastReview: state.lastReview ? new Date(state.lastReview) : null,
  };
}
