import { State } from "ts-fsrs";
import { describe, expect, it } from "vitest";

import { buildQueue, type QueueCardState } from "@/lib/srs/queue";

const now = new Date("2026-03-02T12:00:00.000Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

const cards = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"].map((id) => ({
  id,
}));

const states: QueueCardState[] = [
  { cardId: "c1", due: hoursAgo(2), state: State.Review, suspended: false },
  { cardId: "c2", due: hoursAgo(48), state: State.Review, suspended: false },
  { cardId: "c3", due: hoursAgo(-5), state: State.Review, suspended: false },
  { cardId: "c4", due: hoursAgo(100), state: State.Review, suspended: true },
  { cardId: "c5", due: hoursAgo(0.1), state: State.Learning, suspended: false },
  { cardId: "c6", due: hoursAgo(0), state: State.New, suspended: false },
  { cardId: "gone", due: hoursAgo(500), state: State.Review, suspended: false },
];

describe("buildQueue", () => {
  it("puts the most overdue cards first, then new cards", () => {
    const queue = buildQueue({
      states,
      cards,
      now,
      newPerDay: 10,
      newIntroducedToday: 0,
    });
    expect(queue.map((item) => [item.cardId, item.kind])).toEqual([
      ["c2", "due"],
      ["c1", "due"],
      ["c5", "due"],
      ["c6", "new"],
      ["c7", "new"],
      ["c8", "new"],
    ]);
  });

  it("includes a card due exactly now", () => {
    const queue = buildQueue({
      states: [
        { cardId: "c1", due: now, state: State.Review, suspended: false },
      ],
      cards: [{ id: "c1" }],
      now,
      newPerDay: 0,
      newIntroducedToday: 0,
    });
    expect(queue).toEqual([{ cardId: "c1", kind: "due", due: now }]);
  });

  it.each([
    [10, 0, 3],
    [2, 0, 2],
    [3, 1, 2],
    [3, 3, 0],
    [3, 7, 0],
    [0, 0, 0],
  ])(
    "limits new cards to %i minus %i",
    (newPerDay, newIntroducedToday, expected) => {
      const queue = buildQueue({
        states,
        cards,
        now,
        newPerDay,
        newIntroducedToday,
      });
      expect(queue.filter((item) => item.kind === "new")).toHaveLength(
        expected,
      );
      expect(queue.filter((item) => item.kind === "due")).toHaveLength(3);
    },
  );

  it("introduces new cards in card order", () => {
    const queue = buildQueue({
      states: [],
      cards: [{ id: "z" }, { id: "a" }, { id: "m" }],
      now,
      newPerDay: 2,
      newIntroducedToday: 0,
    });
    expect(queue.map((item) => item.cardId)).toEqual(["z", "a"]);
  });

  it("breaks due-date ties by card id", () => {
    const due = hoursAgo(1);
    const queue = buildQueue({
      states: ["b", "a", "c"].map((cardId) => ({
        cardId,
        due,
        state: State.Review,
        suspended: false,
      })),
      cards: [{ id: "c" }, { id: "b" }, { id: "a" }],
      now,
      newPerDay: 0,
      newIntroducedToday: 0,
    });
    expect(queue.map((item) => item.cardId)).toEqual(["a", "b", "c"]);
  });

  it("leaves out suspended new cards", () => {
    const queue = buildQueue({
      states: [{ cardId: "c1", due: now, state: State.New, suspended: true }],
      cards: [{ id: "c1" }, { id: "c2" }],
      now,
      newPerDay: 5,
      newIntroducedToday: 0,
    });
    expect(queue.map((item) => item.cardId)).toEqual(["c2"]);
  });

  it.each([
    [-1, 0],
    [1.5, 0],
    [5, -2],
    [Number.NaN, 0],
  ])("rejects limits %f and %f", (newPerDay, newIntroducedToday) => {
    expect(() =>
      buildQueue({ states, cards, now, newPerDay, newIntroducedToday }),
    ).toThrow(RangeError);
  });

  it("rejects two states for one card", () => {
    expect(() =>
      buildQueue({
        states: [states[0], { ...states[0] }],
        cards,
        now,
        newPerDay: 1,
        newIntroducedToday: 0,
      }),
    ).toThrow(/card 'c1' has two card states/);
  });
});
