import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  estimateLevel,
  type CriterionOutcome,
  type LevelEstimate,
} from "@/lib/progress/level";

function outcomes(
  level: "E5" | "E6",
  met: number,
  missed: number,
  points = 1,
): CriterionOutcome[] {
  return [
    ...Array.from({ length: met }, () => ({ level, met: true, points })),
    ...Array.from({ length: missed }, () => ({ level, met: false, points })),
  ];
}

const rank: Record<LevelEstimate, number> = { BELOW_E5: 0, E5: 1, E6: 2 };

describe("estimateLevel", () => {
  it.each([
    // E5 met, E5 missed, E6 met, E6 missed, expected level
    [4, 0, 2, 0, "E6"],
    [7, 3, 1, 1, "E6"], // exactly 70% and exactly 50%
    [7, 3, 1, 2, "E5"], // E6 share 33%
    [3, 1, 0, 3, "E5"],
    [2, 1, 3, 0, "BELOW_E5"], // 67% of E5, E6 extras do not help
    [0, 4, 4, 0, "BELOW_E5"],
    [0, 3, 0, 0, "BELOW_E5"],
  ] as const)(
    "%i/%i E5 and %i/%i E6 met gives %s",
    (e5Met, e5Missed, e6Met, e6Missed, expected) => {
      const result = estimateLevel([
        ...outcomes("E5", e5Met, e5Missed),
        ...outcomes("E6", e6Met, e6Missed),
      ]);
      expect(result.level).toBe(expected);
    },
  );

  it("weights shares by points", () => {
    // One heavy E5 criterion met (3 of 4 points = 75%), one light missed.
    const result = estimateLevel([
      { level: "E5", met: true, points: 3 },
      { level: "E5", met: false, points: 1 },
      { level: "E6", met: false, points: 1 },
    ]);
    expect(result.e5.share).toBeCloseTo(0.75, 12);
    expect(result.level).toBe("E5");
  });

  it("counts a share at the threshold despite rounding", () => {
    // 2.1 of 3.0 points is exactly 70%, but these sums give 0.6999999999999998.
    const result = estimateLevel([
      { level: "E5", met: true, points: 0.7 },
      { level: "E5", met: true, points: 1.4 },
      { level: "E5", met: false, points: 0.1 },
      { level: "E5", met: false, points: 0.8 },
    ]);
    expect(result.e5.met / result.e5.total).toBeLessThan(0.7);
    expect(result.level).toBe("E5");
  });

  it("gives no level without E5 criteria", () => {
    expect(estimateLevel([]).level).toBeNull();
    expect(estimateLevel(outcomes("E6", 2, 0)).level).toBeNull();
  });

  it("stops at E5 when no E6 criteria exist", () => {
    const result = estimateLevel(outcomes("E5", 3, 0));
    expect(result.level).toBe("E5");
    expect(result.e6.share).toBeNull();
    expect(result.reason).toMatch(/no E6 criteria/);
  });

  it("states the deciding shares in the reason", () => {
    const result = estimateLevel([
      ...outcomes("E5", 3, 1),
      ...outcomes("E6", 1, 3),
    ]);
    expect(result.reason).toContain("75% of E5 points");
    expect(result.reason).toContain("25% of E6 points");
  });

  it("rejects non-positive points", () => {
    expect(() =>
      estimateLevel([{ level: "E5", met: true, points: 0 }]),
    ).toThrow(RangeError);
  });

  it("never drops when one more criterion is met", () => {
    const criterion = fc.record({
      level: fc.constantFrom<"E5" | "E6">("E5", "E6"),
      met: fc.boolean(),
      points: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(criterion, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (list, pick) => {
          const before = estimateLevel(list);
          const index = pick % list.length;
          const after = estimateLevel(
            list.map((item, i) =>
              i === index ? { ...item, met: true } : item,
            ),
          );
          if (before.level === null) return after.level === null;
          return (
            after.level !== null && rank[after.level] >= rank[before.level]
          );
        },
      ),
    );
  });

  it("matches the rule written out on shares", () => {
    const criterion = fc.record({
      level: fc.constantFrom<"E5" | "E6">("E5", "E6"),
      met: fc.boolean(),
      points: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(criterion, { maxLength: 15 }), (list) => {
        // Integer points make these shares exact ratios of small integers.
        const sum = (level: string, onlyMet: boolean) =>
          list
            .filter((c) => c.level === level && (!onlyMet || c.met))
            .reduce((total, c) => total + c.points, 0);
        const e5Total = sum("E5", false);
        const e6Total = sum("E6", false);
        let expected: LevelEstimate | null;
        if (e5Total === 0) expected = null;
        else if (10 * sum("E5", true) < 7 * e5Total) expected = "BELOW_E5";
        else if (e6Total > 0 && 2 * sum("E6", true) >= e6Total) expected = "E6";
        else expected = "E5";
        return estimateLevel(list).level === expected;
      }),
    );
  });
});
