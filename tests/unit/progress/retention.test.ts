import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  trueRetention,
  weekStartUtc,
  weeklyTrueRetention,
  type RetentionReview,
} from "@/lib/progress/retention";

const review = (
  state: number,
  elapsedDays: number,
  rating: number,
): RetentionReview => ({
  state,
  elapsedDays,
  rating,
});

describe("trueRetention", () => {
  it("counts only review-state reviews a day or more apart", () => {
    const result = trueRetention([
      review(2, 3, 3), // counts, passed
      review(2, 1, 1), // counts, Again
      review(2, 10, 4), // counts, passed
      review(2, 0, 3), // same day: left out
      review(1, 2, 3), // learning: left out
      review(3, 5, 1), // relearning: left out
      review(0, 0, 3), // new: left out
    ]);
    expect(result.total).toBe(3);
    expect(result.passed).toBe(2);
    expect(result.retention).toBeCloseTo(2 / 3, 12);
  });

  it("treats Hard as recalled", () => {
    expect(trueRetention([review(2, 4, 2)]).retention).toBe(1);
  });

  it("returns null without counted reviews", () => {
    expect(trueRetention([]).retention).toBeNull();
    expect(trueRetention([review(1, 0, 3)]).retention).toBeNull();
  });

  it("agrees with a direct count on random logs", () => {
    const arbitraryReview = fc.record({
      state: fc.integer({ min: 0, max: 3 }),
      elapsedDays: fc.integer({ min: 0, max: 40 }),
      rating: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryReview, { maxLength: 200 }), (list) => {
        let total = 0;
        let passed = 0;
        for (const r of list) {
          if (r.state !== 2) continue;
          if (r.elapsedDays < 1) continue;
          total++;
          if (r.rating > 1) passed++;
        }
        const result = trueRetention(list);
        return result.total === total && result.passed === passed;
      }),
    );
  });
});

describe("weekStartUtc", () => {
  it.each([
    ["2026-03-02T00:00:00Z", "2026-03-02"], // Monday
    ["2026-03-08T23:59:59Z", "2026-03-02"], // Sunday
    ["2026-03-09T00:00:00Z", "2026-03-09"],
    ["2026-01-01T12:00:00Z", "2025-12-29"], // Thursday, week starts in 2025
  ])("%s falls in the week of %s", (time, monday) => {
    expect(weekStartUtc(new Date(time)).toISOString().slice(0, 10)).toBe(
      monday,
    );
  });
});

describe("weeklyTrueRetention", () => {
  it("groups counted reviews by ISO week", () => {
    const at = (time: string, rating: number) => ({
      ...review(2, 2, rating),
      review: new Date(time),
    });
    const weeks = weeklyTrueRetention([
      at("2026-03-03T10:00:00Z", 3),
      at("2026-03-08T22:00:00Z", 1),
      at("2026-03-10T09:00:00Z", 4),
      { ...review(1, 0, 1), review: new Date("2026-03-10T09:00:00Z") },
    ]);
    expect(weeks.map((w) => w.week)).toEqual(["2026-03-02", "2026-03-09"]);
    expect(weeks[0].total).toBe(2);
    expect(weeks[0].retention).toBeCloseTo(0.5, 12);
    expect(weeks[1].total).toBe(1);
    expect(weeks[1].retention).toBe(1);
  });
});
