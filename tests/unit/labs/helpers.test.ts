import { describe, expect, it } from "vitest";

import { downsamplePolyline, rocPoints } from "../../../lib/labs/curves";
import { assertJsonValue } from "../../../lib/labs/json-value";
import {
  defaultLabRunLimits,
  resolveLabRunLimits,
} from "../../../lib/labs/limits";

describe("downsamplePolyline", () => {
  it("keeps short curves whole", () => {
    expect(downsamplePolyline([0, 1, 2], [0, 1, 2], 5)).toEqual([0, 1, 2]);
  });

  it("keeps the ends and at most maxPoints", () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
    const y = x.map((v) => Math.sqrt(v));
    const keptIndices = downsamplePolyline(x, y, 200);
    expect(keptIndices.length).toBeLessThanOrEqual(200);
    expect(keptIndices.length).toBeGreaterThan(150);
    expect(keptIndices[0]).toBe(0);
    expect(keptIndices.at(-1)).toBe(n - 1);
    for (let k = 1; k < keptIndices.length; k++) {
      expect(keptIndices[k]).toBeGreaterThan(keptIndices[k - 1]);
    }
  });

  it("keeps the corner of a staircase", () => {
    // Up the y axis in 1,000 steps, then along x in 1,000 steps.
    const x = [
      ...Array(1_000).fill(0),
      ...Array.from({ length: 1_000 }, (_, i) => (i + 1) / 1_000),
    ];
    const y = [
      ...Array.from({ length: 1_000 }, (_, i) => i / 999),
      ...Array(1_000).fill(1),
    ];
    const points = rocPoints(x, y, 20);
    const corner = points.find((p) => p.fpr <= 0.06 && p.tpr >= 0.94);
    expect(corner).toBeDefined();
  });

  it("rejects mismatched input", () => {
    expect(() => downsamplePolyline([0, 1], [0], 10)).toThrow(
      "x and y must have the same length, got 2 and 1.",
    );
    expect(() => downsamplePolyline([0, 1], [0, 1], 1)).toThrow(
      /maxPoints must be an integer ≥ 2/,
    );
  });
});

describe("assertJsonValue", () => {
  it("accepts plain JSON", () => {
    expect(() =>
      assertJsonValue({ a: [1, "b", true, null, { c: 2.5 }] }),
    ).not.toThrow();
  });

  it("names the path of a value JSON would change", () => {
    expect(() => assertJsonValue({ metrics: { auc: Number.NaN } })).toThrow(
      "result.metrics.auc is NaN, which JSON cannot store",
    );
    expect(() => assertJsonValue({ scores: new Float64Array(2) })).toThrow(
      "result.scores is a Float64Array; convert it to a plain array or object",
    );
    expect(() => assertJsonValue({ rows: [1, undefined] })).toThrow(
      "result.rows[1] is undefined, which JSON cannot store",
    );
  });
});

describe("resolveLabRunLimits", () => {
  it("reads the environment, then the overrides", () => {
    const saved = process.env.LAB_MAX_RUNS_PER_HOUR;
    process.env.LAB_MAX_RUNS_PER_HOUR = "5";
    try {
      expect(resolveLabRunLimits()).toEqual({
        ...defaultLabRunLimits,
        maxRunsPerHour: 5,
      });
      expect(resolveLabRunLimits({ maxRunsPerHour: 7 }).maxRunsPerHour).toBe(7);
      process.env.LAB_MAX_RUNS_PER_HOUR = "many";
      expect(() => resolveLabRunLimits()).toThrow(
        'LAB_MAX_RUNS_PER_HOUR must be a positive integer, got "many"; unset it to use the default 30.',
      );
    } finally {
      if (saved === undefined) delete process.env.LAB_MAX_RUNS_PER_HOUR;
      else process.env.LAB_MAX_RUNS_PER_HOUR = saved;
    }
  });
});
