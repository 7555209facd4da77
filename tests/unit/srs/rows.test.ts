import { Rating, type Grade } from "ts-fsrs";
import { describe, expect, it } from "vitest";

import {
  cardStateFromRow,
  cardStateToRow,
  reviewLogFromRow,
  reviewLogToRow,
  type CardStateRow,
  type ReviewLogRow,
} from "@/lib/srs/rows";
import { createScheduler, undo } from "@/lib/srs/scheduler";

const start = new Date("2026-03-02T09:00:00.000Z");

function history() {
  const scheduler = createScheduler();
  let state = scheduler.newCard(start);
  const logs = [];
  const ratings: Grade[] = [
    Rating.Good,
    Rating.Good,
    Rating.Again,
    Rating.Good,
  ];
  for (const rating of ratings) {
    const outcome = scheduler.review(state, rating, state.due);
    logs.push(outcome.log);
    state = outcome.state;
  }
  return { scheduler, state, logs };
}

/** Simulates a trip through PostgreSQL: Json columns go through JSON text. */
function throughDatabase(row: ReviewLogRow): ReviewLogRow {
  return {
    ...row,
    previousState: JSON.parse(JSON.stringify(row.previousState)),
  };
}

describe("card state rows", () => {
  it("round-trips a card state", () => {
    const { state } = history();
    expect(cardStateFromRow(cardStateToRow(state))).toEqual(state);
  });

  it("ignores the other columns of a row", () => {
    const { state } = history();
    const row = {
      ...cardStateToRow(state),
      id: "cs1",
      userId: "u1",
      cardId: "c1",
      suspended: false,
    };
    expect(cardStateFromRow(row)).toEqual(state);
  });

  it.each<[Partial<CardStateRow>, RegExp]>([
    [{ state: 4 }, /CardState.state is invalid/],
    [{ reps: -1 }, /CardState.reps is invalid/],
    [{ due: new Date("nope") }, /CardState.due is invalid/],
    [{ stability: Number.NaN }, /CardState.stability is invalid/],
  ])("rejects a row with %j", (change, message) => {
    const row = { ...cardStateToRow(history().state), ...change };
    expect(() => cardStateFromRow(row)).toThrow(message);
  });
});

describe("review log rows", () => {
  it("round-trips every log through JSON", () => {
    const { logs } = history();
    for (const log of logs) {
      const restored = reviewLogFromRow(throughDatabase(reviewLogToRow(log)));
      expect(restored).toEqual({ ...log, undone: false });
    }
  });

  it("undoes exactly after a database trip", () => {
    const { logs } = history();
    const last = logs.at(-1)!;
    const restored = reviewLogFromRow(throughDatabase(reviewLogToRow(last)));
    expect(undo(restored)).toEqual(last.previousState);
  });

  it("recomputes from stored rows", () => {
    const { scheduler, state, logs } = history();
    const rows = logs.map((log) => throughDatabase(reviewLogToRow(log)));
    expect(scheduler.recompute(rows.map(reviewLogFromRow))).toEqual(state);
  });

  it("stores dates as ISO strings in previousState", () => {
    const row = reviewLogToRow(history().logs[1]);
    expect(row.previousState).toMatchObject({
      due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    });
  });

  it.each<[Partial<ReviewLogRow>, RegExp]>([
    [{ rating: 0 }, /ReviewLog.rating 0 is invalid/],
    [{ previousState: null }, /ReviewLog.previousState is invalid/],
    [{ previousState: { due: "yesterday" } }, /ReviewLog.previousState/],
  ])("rejects a row with %j", (change, message) => {
    const row = { ...reviewLogToRow(history().logs[0]), ...change };
    expect(() => reviewLogFromRow(row)).toThrow(message);
  });
});
