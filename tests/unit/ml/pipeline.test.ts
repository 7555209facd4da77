import { describe, expect, it } from "vitest";

import { generateCtr } from "@/lib/ml/datasets";
import {
  MODEL_IDS,
  type PipelineProgress,
  runPipeline,
} from "@/lib/ml/pipeline";

import { loadReferenceRun, loadReferenceSplit } from "./fixtures";

/**
 * Tolerances against scikit-learn 1.2.1. Hard-prediction metrics agree
 * exactly on this data. ROC-AUC may differ a little, because lbfgs stops
 * short of the LR optimum and our gradient boosting's probabilities differ
 * slightly from scikit-learn's.
 */
const AUC_TOLERANCE = 0.002;
const EXACT_TOLERANCE = 1e-12;

describe("runPipeline", () => {
  const progress: PipelineProgress[] = [];
  const result = runPipeline(
    {},
    { onProgress: (step) => progress.push(step), includeTestScores: true },
  );
  const reference = loadReferenceRun();

  it.each(MODEL_IDS.map((id) => [id]))("%s matches scikit-learn", (id) => {
    const actual = result.metrics[id];
    const expected = reference.metrics[id];
    for (const key of ["accuracy", "precision", "recall", "f1"] as const) {
      expect(Math.abs(actual[key] - expected[key]), key).toBeLessThanOrEqual(
        EXACT_TOLERANCE,
      );
    }
    expect(Math.abs(actual.roc_auc - expected.roc_auc)).toBeLessThanOrEqual(
      AUC_TOLERANCE,
    );
  });

  it("reports the data summary", () => {
    expect(result.nTrain).toBe(reference.n_train);
    expect(result.nTest).toBe(reference.n_test);
    expect(result.trainPositiveRate).toBe(reference.train_click_rate);
    expect(result.testPositives).toBe(reference.test_positives);
    expect(result.popularityThreshold).toBe(reference.popularity_q70);
  });

  it("reports every step in order", () => {
    expect(progress.map((p) => p.step)).toEqual([
      "data",
      "split",
      ...MODEL_IDS,
    ]);
    expect(progress.at(-1)?.index).toBe(progress.at(-1)?.total);
  });

  it("times each fitted model", () => {
    for (const seconds of Object.values(result.fitSeconds))
      expect(seconds).toBeGreaterThan(0);
    expect(Object.keys(result.fitSeconds)).toHaveLength(6);
    expect(result.totalSeconds).toBeGreaterThan(0);
  });

  it("returns test scores on request", () => {
    expect(result.yTest).toHaveLength(reference.n_test as number);
    expect(result.testScores?.ensemble_avg4).toHaveLength(
      reference.n_test as number,
    );
  });

  it("accepts given data and split", () => {
    const data = generateCtr({ rows: 10_000, seed: 42 });
    const split = loadReferenceSplit();
    const given = runPipeline(
      { nEstimators: 5, boostingRounds: 5 },
      {
        data: { ...data, random: undefined } as never,
        split: {
          train: Int32Array.from(split.train_idx),
          test: Int32Array.from(split.test_idx),
        },
      },
    );
    expect(given.metrics.logistic_regression).toEqual(
      result.metrics.logistic_regression,
    );
    expect(given.metrics.baseline_popularity).toEqual(
      result.metrics.baseline_popularity,
    );
  });

  it("rejects bad parameters", () => {
    expect(() => runPipeline({ rows: 5 })).toThrow(/rows/);
    expect(() => runPipeline({ learningRate: 0 })).toThrow(/learningRate/);
    expect(() => runPipeline({ nEstimators: 1.5 })).toThrow(/nEstimators/);
    expect(() => runPipeline({ testSize: 1 })).toThrow(/testSize/);
    expect(() => runPipeline({ popularityFeature: "missing" }, {})).toThrow(
      /popularityFeature/,
    );
    expect(() =>
      runPipeline(
        {},
        {
          split: { train: Int32Array.from([0, 1]), test: Int32Array.from([1]) },
        },
      ),
    ).toThrow(/twice/);
  });
});
