import { describe, expect, it } from "vitest";

import { addDays, calendarCells, currentStreak } from "@/lib/progress/calendar";

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
