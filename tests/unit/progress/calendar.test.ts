import { describe, expect, it } from "vitest";

import {
  addDays,
  calendarCells,
  calendarLayout,
  currentStreak,
  dailyCounts,
} from "@/lib/progress/calendar";

describe("currentStreak", () => {
  const days = (...list: string[]) => new Set(list);

  it("counts back from today", () => {
    const streak = currentStreak(
      days("2026-03-08", "2026-03-09", "2026-03-10"),
      "2026-03-10",
    );
    expect(streak).toEqual({ days: 3, lastDay: "2026-03-10" });
  });

  it("stays alive until today ends", () => {
    const streak = currentStreak(
      days("2026-03-08", "2026-03-09"),
      "2026-03-10",
    );
    expect(streak).toEqual({ days: 2, lastDay: "2026-03-09" });
  });

  it("breaks after a missed day", () => {
    expect(
      currentStreak(days("2026-03-07", "2026-03-08"), "2026-03-10").days,
    ).toBe(0);
  });

  it("stops at a gap", () => {
    const streak = currentStreak(
      days("2026-03-05", "2026-03-07", "2026-03-08"),
      "2026-03-08",
    );
    expect(streak.days).toBe(2);
  });

  it("crosses month and year ends", () => {
    const streak = currentStreak(
      days("2025-12-30", "2025-12-31", "2026-01-01"),
      "2026-01-01",
    );
    expect(streak.days).toBe(3);
  });
});

describe("calendarCells", () => {
  it("covers the requested days ending today", () => {
    const cells = calendarCells(
      new Map([["2026-03-10", 4]]),
      "2026-03-10",
      365,
    );
    expect(cells).toHaveLength(365);
    expect(cells[364]).toMatchObject({ day: "2026-03-10", count: 4 });
    expect(cells[0].day).toBe(addDays("2026-03-10", -364));
  });

  it("places days in weekday rows and week columns", () => {
    // 2026-03-02 is a Monday.
    const cells = calendarCells(new Map(), "2026-03-09", 8);
    expect(cells[0]).toMatchObject({ day: "2026-03-02", week: 0, weekday: 0 });
    expect(cells[6]).toMatchObject({ day: "2026-03-08", week: 0, weekday: 6 });
    expect(cells[7]).toMatchObject({ day: "2026-03-09", week: 1, weekday: 0 });
  });

  it("starts mid-week in the right row", () => {
    // 2026-03-04 is a Wednesday.
    const cells = calendarCells(new Map(), "2026-03-05", 2);
    expect(cells[0]).toMatchObject({ week: 0, weekday: 2 });
  });

  it("rejects a non-positive length", () => {
    expect(() => calendarCells(new Map(), "2026-03-05", 0)).toThrow(RangeError);
  });
});

describe("dailyCounts", () => {
  it("puts each day at its offset from the first", () => {
    const counts = dailyCounts(
      new Map([
        ["2026-03-01", 2],
        ["2026-03-03", 5],
      ]),
      "2026-03-01",
      4,
    );
    expect(counts).toEqual([2, 0, 5, 0]);
  });

  it("ignores days outside the range", () => {
    const counts = dailyCounts(
      new Map([
        ["2026-02-28", 1],
        ["2026-03-03", 7],
      ]),
      "2026-03-01",
      2,
    );
    expect(counts).toEqual([0, 0]);
  });

  it("crosses a leap day", () => {
    const counts = dailyCounts(new Map([["2028-03-01", 3]]), "2028-02-28", 3);
    expect(counts).toEqual([0, 0, 3]);
  });
});

describe("calendarLayout", () => {
  it("matches calendarCells for the same counts", () => {
    const counts = new Map([
      ["2025-12-31", 3],
      ["2026-01-01", 1],
      ["2026-03-10", 9],
    ]);
    const first = addDays("2026-03-10", -364);
    expect(calendarLayout(first, dailyCounts(counts, first, 365))).toEqual(
      calendarCells(counts, "2026-03-10", 365),
    );
  });

  it("lays out consecutive days from the first", () => {
    // 2026-03-04 is a Wednesday.
    const cells = calendarLayout("2026-03-04", [1, 0, 2, 0, 0, 4]);
    expect(cells.map((cell) => cell.day)).toEqual([
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
    ]);
    expect(cells[5]).toMatchObject({ count: 4, week: 1, weekday: 0 });
  });

  it("is empty without counts", () => {
    expect(calendarLayout("2026-03-04", [])).toEqual([]);
  });
});
