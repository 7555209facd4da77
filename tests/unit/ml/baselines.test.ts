import { describe, expect, it } from "vitest";

import {
  majorityClassBaseline,
  popularityBaseline,
  randomBaseline,
} from "@/lib/ml/baselines";
import { generateCtr } from "@/lib/ml/datasets";
import { takeLabels, takeRows } from "@/lib/ml/matrix";
import { classificationScores } from "@/lib/ml/metrics";
import { RandomState } from "@/lib/ml/random";

import {
  loadReferenceRun,
  loadReferenceSplit,
  type ReferenceMetrics,
} from "./fixtures";

const TOLERANCE = 1e-9;

function expectMetricsClose(
  actual: ReferenceMetrics,
  expected: ReferenceMetrics,
): void {
  for (const key of [
    "accuracy",
    "precision",
    "recall",
    "f1",
    "roc_auc",
  ] as const) {
    expect(Math.abs(actual[key] - expected[key]), key).toBeLessThanOrEqual(
      TOLERANCE,
    );
  }
}

describe("baselines on the notebook data", () => {
  const data = generateCtr({ rows: 10_000, seed: 42 });
  const split = loadReferenceSplit();
  const xTrain = takeRows(data.x, split.train_idx);
  const xTest = takeRows(data.x, split.test_idx);
  const yTrain = takeLabels(data.y, split.train_idx);
  const yTest = takeLabels(data.y, split.test_idx);
  const reference = loadReferenceRun();

  it("always-0 matches scikit-learn", () => {
    const baseline = majorityClassBaseline(yTrain, yTest.length);
    expect(baseline.majorityClass).toBe(0);
    const scores = classificationScores(
      yTest,
      baseline.predictions,
      baseline.scores,
    );
    expectMetricsClose(scores, reference.metrics.baseline_always0);
  });

  it("random continues the global stream", () => {
    const baseline = randomBaseline(yTrain, yTest.length, data.random);
    const scores = classificationScores(
      yTest,
      baseline.predictions,
      baseline.scores,
    );
    expectMetricsClose(scores, reference.metrics.baseline_random);
  });

  it("popularity threshold is numpy's quantile", () => {
    const baseline = popularityBaseline(xTrain, xTest, { column: 1 });
    expect(baseline.threshold).toBe(reference.popularity_q70);
    const scores = classificationScores(
      yTest,
      baseline.predictions,
      baseline.scores,
    );
    expectMetricsClose(scores, reference.metrics.baseline_popularity);
  });
});

describe("baseline input checks", () => {
  it("rejects empty labels", () => {
    expect(() => majorityClassBaseline(new Uint8Array(0), 3)).toThrow(/empty/);
    expect(() =>
      randomBaseline(new Uint8Array(0), 3, new RandomState(1)),
    ).toThrow(/empty/);
  });

  it("rejects bad columns and levels", () => {
    const x = { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) };
    expect(() => popularityBaseline(x, x, { column: 2 })).toThrow(/column/);
    expect(() =>
      popularityBaseline(x, x, { column: 0, quantileLevel: 1.5 }),
    ).toThrow(/quantileLevel/);
    const narrow = { rows: 2, cols: 1, data: new Float64Array([1, 2]) };
    expect(() => popularityBaseline(x, narrow, { column: 0 })).toThrow(
      /columns/,
    );
  });

  it("majority class follows the labels", () => {
    const baseline = majorityClassBaseline(new Uint8Array([1, 1, 0]), 2);
    expect(Array.from(baseline.predictions)).toEqual([1, 1]);
  });
});
