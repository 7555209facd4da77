import fc from "fast-check";
import {
  createEmptyCard,
  fsrs,
  Rating,
  State,
  type Card,
  type Grade,
} from "ts-fsrs";
import { describe, expect, it } from "vitest";

import {
  fromFsrsCard,
  type ReviewRating,
  type SrsCardState,
  type SrsReviewLog,
} from "@/lib/srs/card-state";
import { createScheduler, undo } from "@/lib/srs/scheduler";

const start = new Date("2026-03-02T09:00:00.000Z");
const hour = 3_600_000;
const day = 24 * hour;

/**
 * A scripted study history: each step reviews `delayMs` after the card
 * became due (negative: early), with the given grade.
 */
const script: { rating: Grade; delayMs: number }[] = [
  { rating: Rating.Good, delayMs: 0 },
  { rating: Rating.Good, delayMs: 0 },
  { rating: Rating.Good, delayMs: 2 * hour },
  { rating: Rating.Again, delayMs: 3 * day },
  { rating: Rating.Hard, delayMs: 0 },
  { rating: Rating.Good, delayMs: 20 * 60_000 },
  { rating: Rating.Easy, delayMs: day },
  { rating: Rating.Good, delayMs: -day },
  { rating: Rating.Hard, delayMs: 10 * day },
  { rating: Rating.Again, delayMs: 0 },
  { rating: Rating.Good, delayMs: 0 },
];

/** Runs the script through ts-fsrs directly, as the oracle. */
function oracleRun(retention: number) {
  const engine = fsrs({ request_retention: retention });
  let card: Card = createEmptyCard(start);
  const steps = [];
  for (const { rating, delayMs } of script) {
    const now = new Date(
      Math.max(card.due.getTime() + delayMs, start.getTime()),
    );
    const { card: next, log } = engine.next(card, now, rating);
    steps.push({ now, card: next, log });
    card = next;
  }
  return steps;
}

function wrapperRun(retention: number) {
  const scheduler = createScheduler({ desiredRetention: retention });
  let state = scheduler.newCard(start);
  const steps: { state: SrsCardState; log: SrsReviewLog }[] = [];
  for (const { rating, delayMs } of script) {
    const now = new Date(
      Math.max(state.due.getTime() + delayMs, start.getTime()),
    );
    const outcome = scheduler.review(state, rating, now);
    steps.push(outcome);
    state = outcome.state;
  }
  return { scheduler, steps };
}

describe("createScheduler", () => {
  it.each([0.9, 0.8, 0.95])("matches ts-fsrs at retention %f", (retention) => {
    const oracle = oracleRun(retention);
    const { steps } = wrapperRun(retention);

    expect(steps).toHaveLength(oracle.length);
    steps.forEach((step, i) => {
      expect(step.state, `step ${i}`).toEqual(fromFsrsCard(oracle[i].card));
      expect(step.log.rating).toBe(oracle[i].log.rating);
      expect(step.log.state).toBe(oracle[i].log.state);
      expect(step.log.due).toEqual(oracle[i].log.due);
      expect(step.log.stability).toBe(oracle[i].log.stability);
      expect(step.log.difficulty).toBe(oracle[i].log.difficulty);
      expect(step.log.scheduledDays).toBe(oracle[i].log.scheduled_days);
      expect(step.log.learningSteps).toBe(oracle[i].log.learning_steps);
      expect(step.log.review).toEqual(oracle[i].now);
    });
  });

  it("walks through every card state", () => {
    const { steps } = wrapperRun(0.9);
    const states = new Set(steps.map((step) => step.state.state));
    expect(states).toEqual(
      new Set([State.Learning, State.Review, State.Relearning]),
    );
  });

  it("schedules longer at lower retention", () => {
    const low = createScheduler({ desiredRetention: 0.8 });
    const high = createScheduler({ desiredRetention: 0.95 });
    const graduate = (scheduler: typeof low) => {
      let state = scheduler.newCard(start);
      for (let i = 0; i < 3; i++) {
        state = scheduler.review(state, Rating.Good, state.due).state;
      }
      return state.scheduledDays;
    };
    expect(graduate(low)).toBeGreaterThan(graduate(high));
  });

  it("matches ts-fsrs for random histories", () => {
    const grade = fc.constantFrom<ReviewRating>(
      Rating.Again,
      Rating.Hard,
      Rating.Good,
      Rating.Easy,
    );
    const delay = fc.integer({ min: -2 * day, max: 30 * day });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(grade, delay), { minLength: 1, maxLength: 12 }),
        (history) => {
          const engine = fsrs({ request_retention: 0.9 });
          const scheduler = createScheduler();
          let card = createEmptyCard(start);
          let state = scheduler.newCard(start);
          for (const [rating, delayMs] of history) {
            const now = new Date(
              Math.max(
                card.due.getTime() + delayMs,
                card.last_review?.getTime() ?? start.getTime(),
              ),
            );
            card = engine.next(card, now, rating).card;
            state = scheduler.review(state, rating, now).state;
          }
          expect(state).toEqual(fromFsrsCard(card));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reports retrievability from ts-fsrs", () => {
    const { scheduler, steps } = wrapperRun(0.9);
    const card = steps.at(-1)!.state;
    const later = new Date(card.due.getTime() + 5 * day);
    const engine = fsrs({ request_retention: 0.9 });
    const expected = engine.get_retrievability(
      {
        ...card,
        elapsed_days: card.elapsedDays,
        scheduled_days: card.scheduledDays,
        learning_steps: card.learningSteps,
        last_review: card.lastReview ?? undefined,
      },
      later,
      false,
    );
    expect(scheduler.retrievability(card, later)).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(1);
  });

  it.each([0, 1, 1.2, -0.5, Number.NaN])(
    "rejects desired retention %f",
    (desiredRetention) => {
      expect(() => createScheduler({ desiredRetention })).toThrow(RangeError);
    },
  );

  it.each([0, 5, 2.5, Number.NaN])("rejects rating %f", (rating) => {
    const scheduler = createScheduler();
    const card = scheduler.newCard(start);
    expect(() => scheduler.review(card, rating as ReviewRating, start)).toThrow(
      /rating .* is invalid/,
    );
  });

  it("rejects a review before the last one", () => {
    const scheduler = createScheduler();
    const { state } = scheduler.review(
      scheduler.newCard(start),
      Rating.Good,
      start,
    );
    const earlier = new Date(start.getTime() - 1000);
    expect(() => scheduler.review(state, Rating.Good, earlier)).toThrow(
      /is before the card's last review/,
    );
  });

  it("rejects an invalid review time", () => {
    const scheduler = createScheduler();
    const card = scheduler.newCard(start);
    expect(() =>
      scheduler.review(card, Rating.Good, new Date("not a date")),
    ).toThrow(RangeError);
  });

  it("leaves the input state untouched", () => {
    const scheduler = createScheduler();
    const card = scheduler.newCard(start);
    const before = structuredClone(card);
    scheduler.review(card, Rating.Good, start);
    expect(card).toEqual(before);
  });
});

describe("undo", () => {
  it("restores the state before each review", () => {
    const { scheduler, steps } = wrapperRun(0.9);
    let expectedBefore = scheduler.newCard(start);
    for (const step of steps) {
      expect(undo(step.log)).toEqual(expectedBefore);
      expectedBefore = step.state;
    }
  });

  it("unwinds a whole history in reverse", () => {
    const { scheduler, steps } = wrapperRun(0.9);
    let state = steps.at(-1)!.state;
    for (let i = steps.length - 1; i >= 0; i--) {
      expect(state).toEqual(steps[i].state);
      state = undo(steps[i].log);
    }
    expect(state).toEqual(scheduler.newCard(start));
  });

  it("returns a copy, not the logged object", () => {
    const { steps } = wrapperRun(0.9);
    const restored = undo(steps[3].log);
    restored.due.setTime(0);
    expect(steps[3].log.previousState.due.getTime()).not.toBe(0);
  });
});

describe("recompute", () => {
  it("rebuilds the final state from the logs", () => {
    const { scheduler, steps } = wrapperRun(0.9);
    const logs = steps.map((step) => step.log);
    expect(scheduler.recompute(logs)).toEqual(steps.at(-1)!.state);
  });

  it("replays logs given out of order", () => {
    const { scheduler, steps } = wrapperRun(0.9);
    const logs = steps.map((step) => step.log).reverse();
    expect(scheduler.recompute(logs)).toEqual(steps.at(-1)!.state);
  });

  it("skips undone reviews", () => {
    const { scheduler, steps } = wrapperRun(0.9);
    const logs = steps.map((step, i) => ({
      ...step.log,
      undone: i === steps.length - 1,
    }));
    expect(scheduler.recompute(logs)).toEqual(steps.at(-2)!.state);
  });

  it("reschedules with a new retention like ts-fsrs", () => {
    const { steps } = wrapperRun(0.9);
    const logs = steps.map((step) => step.log);

    const engine = fsrs({ request_retention: 0.8 });
    let card = createEmptyCard(start);
    for (const log of logs)
      card = engine.next(card, log.review, log.rating).card;

    expect(createScheduler({ desiredRetention: 0.8 }).recompute(logs)).toEqual(
      fromFsrsCard(card),
    );
  });

  it("rejects an empty history", () => {
    expect(() => createScheduler().recompute([])).toThrow(/no review logs/);
  });
});
