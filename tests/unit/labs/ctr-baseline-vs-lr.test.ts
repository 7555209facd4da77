import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  ctrBaselineVsLr,
  type CtrBaselineVsLrResult,
} from "../../../lib/labs/definitions/ctr-baseline-vs-lr";
import {
  expectPlainJson,
  expectProgressOrdered,
  expectRocCurve,
  paramsErrorMessages,
  runWithProgress,
} from "./lab-checks";

// scikit-learn 1.2.1 on the notebook's recipe (seed 42, 10,000 rows).
const reference = JSON.parse(
  readFileSync(
    path.join(
      import.meta.dirname,
      "../../fixtures/ml/sklearn_metrics_n10000.json",
    ),
    "utf8",
  ),
).runs["10000"];

describe("ctr-baseline-vs-lr", () => {
  const { result, progress } = runWithProgress<CtrBaselineVsLrResult>(
    ctrBaselineVsLr,
    {},
  );

  it("splits the data as the notebook does", () => {
    expect(result.dataset.rows).toBe(reference.n);
    expect(result.dataset.trainRows).toBe(reference.n_train);
    expect(result.dataset.testRows).toBe(reference.n_test);
    expect(result.dataset.testPositives).toBe(reference.test_positives);
    expect(result.dataset.clickRate).toBeCloseTo(reference.click_rate_all, 12);
    expect(result.popularityThreshold).toBeCloseTo(
      reference.popularity_q70,
      12,
    );
  });

  it("matches scikit-learn for the popularity baseline", () => {
    const expected = reference.metrics.baseline_popularity;
    const actual = result.metrics.baseline_popularity;
    for (const key of [
      "accuracy",
      "precision",
      "recall",
      "f1",
      "roc_auc",
    ] as const) {
      expect(actual[key], key).toBeCloseTo(expected[key], 10);
    }
  });

  it("matches scikit-learn for logistic regression", () => {
    const expected = reference.metrics.logistic_regression;
    const actual = result.metrics.logistic_regression;
    // scikit-learn's lbfgs stops at tol 1e-4, short of the exact optimum
    // this Newton solver reaches, so the scores differ in the 4th decimal.
    expect(Math.abs(actual.roc_auc - expected.roc_auc)).toBeLessThanOrEqual(
      5e-4,
    );
    expect(actual.accuracy).toBeCloseTo(expected.accuracy, 3);
    expect(actual.recall).toBeCloseTo(expected.recall, 3);
  });

  it("returns downsampled ROC curves", () => {
    expectRocCurve(result.roc.baseline_popularity);
    expectRocCurve(result.roc.logistic_regression);
  });

  it("returns plain JSON", () => {
    expectPlainJson(result);
  });

  it("reports progress with partial metrics", () => {
    expectProgressOrdered(progress);
    const keys = progress.flatMap((event) =>
      event.partial ? [event.partial.key] : [],
    );
    expect(keys).toEqual(["baseline_popularity", "logistic_regression"]);
  });

  it("names one coefficient per feature", () => {
    const names = result.logisticRegression.coefficients.map((c) => c.feature);
    expect(names).toEqual(result.dataset.featureNames);
  });
});

describe("ctr-baseline-vs-lr rule", () => {
  const rule = ctrBaselineVsLr.rules["better-ranker-popularity-vs-lr"];
  const { result } = runWithProgress<CtrBaselineVsLrResult>(ctrBaselineVsLr, {
    rows: 2_000,
    seed: 7,
  });

  it("picks the model with the higher ROC-AUC", () => {
    const lrWins =
      result.metrics.logistic_regression.roc_auc >
      result.metrics.baseline_popularity.roc_auc;
    expect(rule(result)).toBe(lrWins ? "logistic-regression" : "popularity");
  });

  it("follows the metrics when they swap", () => {
    const swapped = structuredClone(result);
    swapped.metrics.logistic_regression.roc_auc = 0.6;
    swapped.metrics.baseline_popularity.roc_auc = 0.7;
    expect(rule(swapped)).toBe("popularity");

    swapped.metrics.logistic_regression.roc_auc = 0.71;
    expect(rule(swapped)).toBe("logistic-regression");
  });
});

describe("ctr-baseline-vs-lr parameters", () => {
  it("fills in the defaults", () => {
    expect(ctrBaselineVsLr.paramsSchema.parse({})).toEqual({
      rows: 10_000,
      seed: 42,
    });
  });

  it("names rows and its range", () => {
    expect(paramsErrorMessages(ctrBaselineVsLr, { rows: 500 })).toEqual([
      "rows must be between 1,000 and 100,000",
    ]);
    expect(paramsErrorMessages(ctrBaselineVsLr, { rows: 200_000 })).toEqual([
      "rows must be between 1,000 and 100,000",
    ]);
  });

  it("rejects fractions, strings and unknown keys", () => {
    expect(paramsErrorMessages(ctrBaselineVsLr, { rows: 1500.5 })[0]).toMatch(
      /whole number/,
    );
    expect(paramsErrorMessages(ctrBaselineVsLr, { seed: "42" })[0]).toMatch(
      /^seed must be between 0 and/,
    );
    expect(paramsErrorMessages(ctrBaselineVsLr, { depth: 3 })).toHaveLength(1);
  });
});
