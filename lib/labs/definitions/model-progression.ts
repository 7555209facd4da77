import { z } from "zod";

import {
  majorityClassBaseline,
  popularityBaseline,
  randomBaseline,
} from "../../ml/baselines";
import { DecisionTreeClassifier } from "../../ml/decision-tree";
import { GradientBoostingClassifier } from "../../ml/gradient-boosting";
import { LogisticRegression } from "../../ml/logistic-regression";
import { RandomForestClassifier } from "../../ml/random-forest";
import type { RocPoint } from "../curves";
import { evaluateScores, type ModelMetrics } from "../evaluation";
import { integerParam, numberParam } from "../params-schema";
import type { LabDefinition } from "../types";
import {
  itemPopularityColumn,
  prepareCtrSplit,
  type CtrDatasetSummary,
} from "./ctr-data";

export const modelProgressionParams = z.strictObject({
  rows: integerParam("rows", 1_000, 100_000, 10_000),
  seed: integerParam("seed", 0, 2_147_483_647, 42),
  clickKeepRate: numberParam("clickKeepRate", 0.05, 1, 0.15),
  // Upper bounds keep the slowest run (100,000 rows, all at maximum)
  // near 30 s in the worker, half the default time limit.
  maxDepth: integerParam("maxDepth", 1, 8, 5),
  nEstimators: integerParam("nEstimators", 1, 200, 100),
  boostingRounds: integerParam("boostingRounds", 1, 200, 100),
  learningRate: numberParam("learningRate", 0.01, 1, 0.1),
});

export type ModelProgressionParams = z.output<typeof modelProgressionParams>;

/** Models of the progression, in the order they are trained and shown. */
export const progressionModels = [
  "baseline_majority",
  "baseline_random",
  "baseline_popularity",
  "logistic_regression",
  "decision_tree",
  "random_forest",
  "gradient_boosting",
  "ensemble_average",
] as const;

export type ProgressionModel = (typeof progressionModels)[number];

/** Stage of the chapter's progression each model belongs to. */
export const progressionStage: Record<ProgressionModel, string> = {
  baseline_majority: "baseline",
  baseline_random: "baseline",
  baseline_popularity: "baseline",
  logistic_regression: "simple",
  decision_tree: "simple",
  random_forest: "complex",
  gradient_boosting: "complex",
  ensemble_average: "ensemble",
};

/** The random forest's tree depth, fixed at the notebook's 10. */
export const forestMaxDepth = 10;

/** Result of the "model-progression" lab. */
export type ModelProgressionResult = {
  dataset: CtrDatasetSummary;
  /** Test-split scores by model, keys as in progressionModels. */
  metrics: Record<ProgressionModel, ModelMetrics>;
  /** Rows of the comparison table, in progression order. */
  table: ({ model: ProgressionModel; stage: string } & ModelMetrics)[];
  /** Test-split ROC curves by model, at most 200 points each. */
  roc: Record<ProgressionModel, RocPoint[]>;
  /**
   * Fit time of each trained model in the worker, in milliseconds: the
   * only part of the result that differs between runs with equal
   * parameters, so a cached result shows the first run's times.
   */
  fitMilliseconds: Record<string, number>;
};

/** Ids of the baselines as choice options. */
const baselineOptionIds = {
  baseline_majority: "majority",
  baseline_random: "random",
  baseline_popularity: "popularity",
} as const;

/**
 * Drill 1 hands-on: the notebook's whole progression on the CTR data.
 * Three baselines (always "no click", random at the training click rate,
 * popularity above its training 70th percentile), logistic regression, a
 * decision tree, a random forest, gradient-boosted trees and the average
 * of the four trained models' probabilities. Predictions are score > 0.5.
 */
export const modelProgression: LabDefinition<
  typeof modelProgressionParams,
  ModelProgressionResult
> = {
  slug: "model-progression",
  title: "Model progression for CTR prediction",
  summary:
    "From baselines to an ensemble: what each step buys on accuracy, precision, recall, F1 and ROC-AUC.",
  paramsSchema: modelProgressionParams,
  defaults: modelProgressionParams.parse({}),

  run(params, onProgress) {
    onProgress({ fraction: 0, stage: "Generating the CTR data" });
    const split = prepareCtrSplit(params);
    const { xTrain, yTrain, xTest, yTest } = split;
    const nTest = yTest.length;

    // Relative cost of each step, so the fraction moves with the work.
    const weights: Record<ProgressionModel, number> = {
      baseline_majority: 1,
      baseline_random: 1,
      baseline_popularity: 1,
      logistic_regression: 2,
      decision_tree: 2,
      random_forest: 2 + params.nEstimators / 10,
      gradient_boosting: 2 + params.boostingRounds / 6,
      ensemble_average: 1,
    };
    const totalWeight = 2 + Object.values(weights).reduce((a, b) => a + b, 0);
    let doneWeight = 2;

    const evaluations = {} as Record<
      ProgressionModel,
      ReturnType<typeof evaluateScores>
    >;
    const fitMilliseconds: Record<string, number> = {};
    const record = (
      model: ProgressionModel,
      evaluation: ReturnType<typeof evaluateScores>,
      nextStage: string,
    ) => {
      evaluations[model] = evaluation;
      doneWeight += weights[model];
      onProgress({
        fraction: model === "ensemble_average" ? 1 : doneWeight / totalWeight,
        stage: nextStage,
        partial: { key: model, value: { ...evaluation.metrics } },
      });
    };
    const timed = <T>(name: string, fit: () => T): T => {
      const started = performance.now();
      const model = fit();
      fitMilliseconds[name] = Math.round(performance.now() - started);
      return model;
    };

    onProgress({
      fraction: doneWeight / totalWeight,
      stage: "Scoring the baselines",
    });
    const majority = majorityClassBaseline(yTrain, nTest);
    record(
      "baseline_majority",
      evaluateScores(yTest, majority.scores, {
        predictions: majority.predictions,
      }),
      "Scoring the baselines",
    );
    const random = randomBaseline(yTrain, nTest, split.random);
    record(
      "baseline_random",
      evaluateScores(yTest, random.scores, { predictions: random.predictions }),
      "Scoring the baselines",
    );
    const popularity = popularityBaseline(xTrain, xTest, {
      column: itemPopularityColumn,
    });
    record(
      "baseline_popularity",
      evaluateScores(yTest, popularity.scores, {
        predictions: popularity.predictions,
      }),
      "Training logistic regression",
    );

    const logistic = timed("logistic_regression", () =>
      new LogisticRegression({ maxIter: 1000 }).fit(xTrain, yTrain),
    );
    const logisticProba = logistic.predictProba(xTest);
    record(
      "logistic_regression",
      evaluateScores(yTest, logisticProba),
      "Training the decision tree",
    );

    const tree = timed("decision_tree", () =>
      new DecisionTreeClassifier({
        maxDepth: params.maxDepth,
        randomState: params.seed,
      }).fit(xTrain, yTrain),
    );
    const treeProba = tree.predictProba(xTest);
    record(
      "decision_tree",
      evaluateScores(yTest, treeProba),
      "Training the random forest",
    );

    const forest = timed("random_forest", () =>
      new RandomForestClassifier({
        nEstimators: params.nEstimators,
        maxDepth: forestMaxDepth,
        randomState: params.seed,
      }).fit(xTrain, yTrain),
    );
    const forestProba = forest.predictProba(xTest);
    record(
      "random_forest",
      evaluateScores(yTest, forestProba),
      "Training gradient boosting",
    );

    const boosting = timed("gradient_boosting", () =>
      new GradientBoostingClassifier({
        nEstimators: params.boostingRounds,
        learningRate: params.learningRate,
        maxDepth: params.maxDepth,
        randomState: params.seed,
      }).fit(xTrain, yTrain),
    );
    const boostingProba = boosting.predictProba(xTest);
    record(
      "gradient_boosting",
      evaluateScores(yTest, boostingProba),
      "Averaging the four models",
    );

    const average = new Float64Array(nTest);
    for (let i = 0; i < nTest; i++) {
      average[i] =
        (logisticProba[i] + treeProba[i] + forestProba[i] + boostingProba[i]) /
        4;
    }
    record("ensemble_average", evaluateScores(yTest, average), "Done");

    const metrics = {} as Record<ProgressionModel, ModelMetrics>;
    const roc = {} as Record<ProgressionModel, RocPoint[]>;
    for (const model of progressionModels) {
      metrics[model] = evaluations[model].metrics;
      roc[model] = evaluations[model].roc;
    }
    return {
      dataset: split.summary,
      metrics,
      table: progressionModels.map((model) => ({
        model,
        stage: progressionStage[model],
        ...metrics[model],
      })),
      roc,
      fitMilliseconds,
    };
  },

  rules: {
    /**
     * The baseline with the highest test accuracy: "majority", "random" or
     * "popularity"; on a tie, the first in that order.
     */
    "highest-accuracy-baseline": (result) => {
      const best = argmax(
        [
          "baseline_majority",
          "baseline_random",
          "baseline_popularity",
        ] as const,
        (model) => result.metrics[model].accuracy,
      );
      return baselineOptionIds[best];
    },

    /**
     * The model with the highest test ROC-AUC, its key with dashes (e.g.
     * "gradient-boosting"); on a tie, the earlier in the progression.
     */
    "highest-roc-auc-model": (result) =>
      argmax(
        progressionModels,
        (model) => result.metrics[model].roc_auc,
      ).replaceAll("_", "-"),

    /**
     * "yes" when the average of the four trained models has a higher test
     * ROC-AUC than each of them, else "no".
     */
    "ensemble-beats-best-member": (result) => {
      const members = [
        "logistic_regression",
        "decision_tree",
        "random_forest",
        "gradient_boosting",
      ] as const;
      const best = Math.max(
        ...members.map((model) => result.metrics[model].roc_auc),
      );
      return result.metrics.ensemble_average.roc_auc > best ? "yes" : "no";
    },
  },
};

/** Returns the item with the largest value; the first on a tie. */
function argmax<T>(items: readonly T[], value: (item: T) => number): T {
  let best = items[0];
  for (const item of items.slice(1)) {
    if (value(item) > value(best)) best = item;
  }
  return best;
}
