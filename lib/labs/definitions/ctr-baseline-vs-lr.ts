import { z } from "zod";

import { popularityBaseline } from "../../ml/baselines";
import { LogisticRegression } from "../../ml/logistic-regression";
import type { RocPoint } from "../curves";
import { evaluateScores, type ModelMetrics } from "../evaluation";
import { integerParam } from "../params-schema";
import type { LabDefinition } from "../types";
import {
  itemPopularityColumn,
  prepareCtrSplit,
  type CtrDatasetSummary,
} from "./ctr-data";

export const ctrBaselineVsLrParams = z.strictObject({
  rows: integerParam("rows", 1_000, 100_000, 10_000),
  seed: integerParam("seed", 0, 2_147_483_647, 42),
});

export type CtrBaselineVsLrParams = z.output<typeof ctrBaselineVsLrParams>;

/** Result of the "ctr-baseline-vs-lr" lab. */
export type CtrBaselineVsLrResult = {
  dataset: CtrDatasetSummary;
  /** Test-split scores by model. */
  metrics: {
    baseline_popularity: ModelMetrics;
    logistic_regression: ModelMetrics;
  };
  /** Test-split ROC curves by model, at most 200 points each. */
  roc: {
    baseline_popularity: RocPoint[];
    logistic_regression: RocPoint[];
  };
  /** item_popularity above this training 70th percentile predicts a click. */
  popularityThreshold: number;
  /** Fitted logistic regression: one coefficient per feature, and intercept. */
  logisticRegression: {
    coefficients: { feature: string; value: number }[];
    intercept: number;
    iterations: number;
  };
};

/**
 * The first slice of drill 1: the notebook's CTR data, the popularity
 * baseline (item_popularity as the score, its training 70th percentile as
 * the threshold) against logistic regression (scikit-learn defaults:
 * L2, C = 1), compared on the test split.
 */
export const ctrBaselineVsLr: LabDefinition<
  typeof ctrBaselineVsLrParams,
  CtrBaselineVsLrResult
> = {
  slug: "ctr-baseline-vs-lr",
  title: "Popularity baseline vs logistic regression",
  summary:
    "Does a learned model rank clicks better than sorting items by popularity?",
  paramsSchema: ctrBaselineVsLrParams,
  defaults: ctrBaselineVsLrParams.parse({}),

  run(params, onProgress) {
    onProgress({ fraction: 0, stage: "Generating the CTR data" });
    const split = prepareCtrSplit(params);

    onProgress({ fraction: 0.3, stage: "Scoring the popularity baseline" });
    const baseline = popularityBaseline(split.xTrain, split.xTest, {
      column: itemPopularityColumn,
    });
    const baselineEvaluation = evaluateScores(split.yTest, baseline.scores, {
      predictions: baseline.predictions,
    });
    onProgress({
      fraction: 0.4,
      stage: "Training logistic regression",
      partial: {
        key: "baseline_popularity",
        value: { ...baselineEvaluation.metrics },
      },
    });

    const model = new LogisticRegression({ maxIter: 1000 }).fit(
      split.xTrain,
      split.yTrain,
    );
    const lrEvaluation = evaluateScores(
      split.yTest,
      model.predictProba(split.xTest),
    );
    onProgress({
      fraction: 1,
      stage: "Done",
      partial: {
        key: "logistic_regression",
        value: { ...lrEvaluation.metrics },
      },
    });

    const coefficients = Array.from(model.coefficients ?? [], (value, j) => ({
      feature: split.summary.featureNames[j],
      value,
    }));
    return {
      dataset: split.summary,
      metrics: {
        baseline_popularity: baselineEvaluation.metrics,
        logistic_regression: lrEvaluation.metrics,
      },
      roc: {
        baseline_popularity: baselineEvaluation.roc,
        logistic_regression: lrEvaluation.roc,
      },
      popularityThreshold: baseline.threshold,
      logisticRegression: {
        coefficients,
        intercept: model.intercept,
        iterations: model.nIter,
      },
    };
  },

  rules: {
    /** The model with the higher test ROC-AUC; the baseline on a tie. */
    "better-ranker-popularity-vs-lr": (result) =>
      result.metrics.logistic_regression.roc_auc >
      result.metrics.baseline_popularity.roc_auc
        ? "logistic-regression"
        : "popularity",
  },
};
