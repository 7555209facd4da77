import { describe, expect, it } from "vitest";

import { wilsonInterval } from "../../../lib/labs/wilson-interval";

const z95 = 1.959963984540054;

/**
 * Finds the Wilson bounds from their definition, without the closed form:
 * the proportions p where |p̂ − p| = z·sqrt(p(1 − p)/n), by bisection.
 */
function scoreTestBounds(
  successes: number,
  trials: number,
  z = z95,
): [number, number] {
  const estimate = successes / trials;
  const excess = (p: number) =>
    Math.abs(estimate - p) - z * Math.sqrt((p * (1 - p)) / trials);
  const bisect = (inside: number, outside: number) => {
    for (let step = 0; step < 200; step++) {
      const middle = (inside + outside) / 2;
      if (excess(middle) <= 0) inside = middle;
      else outside = middle;
    }
    return inside;
  };
  return [
    estimate === 0 ? 0 : bisect(estimate, 0),
    estimate === 1 ? 1 : bisect(estimate, 1),
  ];
}

describe("wilsonInterval", () => {
  it("matches the score test's bounds", () => {
    for (const [successes, trials] of [
      [81, 263],
      [15, 148],
      [1, 29],
      [25, 160],
      [500, 1000],
    ]) {
      const interval = wilsonInterval(successes, trials);
      const [lower, upper] = scoreTestBounds(successes, trials);
      expect(interval.lower, `${successes}/${trials}`).toBeCloseTo(lower, 9);
      expect(interval.upper, `${successes}/${trials}`).toBeCloseTo(upper, 9);
      expect(interval.estimate).toBe(successes / trials);
    }
  });

  it("gives z²/(n + z²) as the upper bound of zero successes", () => {
    const interval = wilsonInterval(0, 20);
    expect(interval.lower).toBe(0);
    expect(interval.upper).toBeCloseTo((z95 * z95) / (20 + z95 * z95), 12);
  });

  it("mirrors k and n − k", () => {
    const low = wilsonInterval(3, 40);
    const high = wilsonInterval(37, 40);
    expect(low.lower).toBeCloseTo(1 - high.upper, 12);
    expect(low.upper).toBeCloseTo(1 - high.lower, 12);
  });

  it("reports the confidence level of z", () => {
    expect(wilsonInterval(5, 10).confidence).toBe(0.95);
    expect(wilsonInterval(5, 10, 2.5758293035489).confidence).toBe(0.99);
  });

  it("narrows as the sample grows", () => {
    const small = wilsonInterval(10, 100);
    const large = wilsonInterval(100, 1000);
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
  });

  it("rejects impossible counts", () => {
    expect(() => wilsonInterval(5, 0)).toThrow(
      "trials must be an integer ≥ 1, got 0.",
    );
    expect(() => wilsonInterval(11, 10)).toThrow(
      "successes must be an integer between 0 and 10, got 11.",
    );
    expect(() => wilsonInterval(1.5, 10)).toThrow(
      /successes must be an integer/,
    );
  });
});
