import { z } from "zod";

import { CTR_FEATURE_NAMES, generateCtr } from "../../ml/datasets";
import { LogisticRegression } from "../../ml/logistic-regression";
import { getColumn, takeLabels, takeRows } from "../../ml/matrix";
import { rocAucScore, rocCurve } from "../../ml/metrics";
import { RandomState } from "../../ml/random";
import { stratifiedTrainTestSplit } from "../../ml/split";
import { rocPoints, type RocPoint } from "../curves";
import { integerParam, numberParam } from "../params-schema";
import type { LabDefinition } from "../types";
import { wilsonInterval, type ProportionInterval } from "../wilson-interval";
import {
  disagreementRate,
  injectLabelNoise,
  percentileRanks,
} from "./label-noise-injection";

export const labelNoiseParams = z.strictObject({
  rows: integerParam("rows", 2_000, 100_000, 20_000),
  seed: integerParam("seed", 0, 2_147_483_647, 42),
  flipRate: numberParam("flipRate", 0, 0.4, 0.1),
  feedbackRate: numberParam("feedbackRate", 0, 0.6, 0.2),
  reviewRate: numberParam("reviewRate", 0.005, 0.1, 0.01),
});

export type LabelNoiseParams = z.output<typeof labelNoiseParams>;

/** Training label sets, each a model trained on it. */
export const labelSets = [
  "clean",
  "uniform_flips",
  "feedback_loop",
  "both",
] as const;

export type LabelSet = (typeof labelSets)[number];

/** One model trained on one label set. */
export type LabelSetOutcome = {
  /** Share of training labels that differ from the clean ones. */
  noiseRate: number;
  /** Test ROC-AUC against the clean labels: how well it really ranks. */
  roc_auc_clean: number;
  /** Test ROC-AUC against test labels with the same noise: what offline evaluation reports. */
  roc_auc_noisy: number;
  /** Fitted coefficients by feature name. */
  coefficients: Record<string, number>;
};

/** Result of the "label-noise" lab. */
export type LabelNoiseResult = {
  dataset: {
    rows: number;
    trainRows: number;
    testRows: number;
    cleanPositiveRate: number;
  };
  outcomes: Record<LabelSet, LabelSetOutcome>;
  /** ROC curves against clean test labels, at most 200 points each. */
  roc: Record<LabelSet, RocPoint[]>;
  /**
   * A hand review of a random sample of the collected training labels
   * (the "both" set): reviewers give the clean label, and disagreements
   * estimate the noise rate.
   */
  review: {
    sampleSize: number;
    disagreements: number;
    /** Wilson 95% interval of the noise rate, estimate included. */
    interval: ProportionInterval;
    /** Noise rate of the whole collected training set. */
    trueNoiseRate: number;
    coversTrueRate: boolean;
  };
};

const popularityColumn = CTR_FEATURE_NAMES.indexOf("item_popularity");

/** Minimum number of labels a hand review checks, whatever reviewRate gives. */
const minimumReviewSize = 20;

/**
 * Drill 3 hands-on: natural labels (clicks on the chapter's CTR data,
 * every click kept) with noise injected into the training labels, uniform
 * flips and a feature-dependent feedback loop, against clean labels. A
 * logistic regression per label set, scored on clean and on equally noisy
 * test labels, and a hand review of a sample of the collected labels
 * estimating their noise rate with a Wilson interval. The noise draws use
 * their own stream, seeded with seed + 1.
 */
export const labelNoise: LabDefinition<
  typeof labelNoiseParams,
  LabelNoiseResult
> = {
  slug: "label-noise",
  title: "Label noise in natural labels",
  summary:
    "How flipped labels and a feedback loop change what a model learns and what offline evaluation reports, and how a small hand review measures the noise.",
  paramsSchema: labelNoiseParams,
  defaults: labelNoiseParams.parse({}),

  run(params, onProgress) {
    onProgress({ fraction: 0, stage: "Generating click labels" });
    const data = generateCtr({
      rows: params.rows,
      seed: params.seed,
      clickKeepRate: 1,
    });
    const clean = data.y;
    const percentile = percentileRanks(getColumn(data.x, popularityColumn));
    const random = new RandomState((params.seed + 1) % 2 ** 32);
    const noisy: Record<LabelSet, Uint8Array> = {
      clean,
      uniform_flips: injectLabelNoise(
        clean,
        percentile,
        { flipRate: params.flipRate, feedbackRate: 0 },
        random,
      ),
      feedback_loop: injectLabelNoise(
        clean,
        percentile,
        { flipRate: 0, feedbackRate: params.feedbackRate },
        random,
      ),
      both: injectLabelNoise(clean, percentile, params, random),
    };

    const split = stratifiedTrainTestSplit(clean, {
      testSize: 0.2,
      randomState: params.seed,
    });
    const xTrain = takeRows(data.x, split.train);
    const xTest = takeRows(data.x, split.test);
    const yTestClean = takeLabels(clean, split.test);

    const outcomes = {} as Record<LabelSet, LabelSetOutcome>;
    const roc = {} as Record<LabelSet, RocPoint[]>;
    for (const [index, set] of labelSets.entries()) {
      const yTrain = takeLabels(noisy[set], split.train);
      const yTestNoisy = takeLabels(noisy[set], split.test);
      const model = new LogisticRegression({ maxIter: 1000 }).fit(
        xTrain,
        yTrain,
      );
      const scores = model.predictProba(xTest);
      const curve = rocCurve(yTestClean, scores);
      roc[set] = rocPoints(curve.falsePositiveRate, curve.truePositiveRate);
      outcomes[set] = {
        noiseRate: disagreementRate(yTrain, takeLabels(clean, split.train)),
        roc_auc_clean: rocAucScore(yTestClean, scores),
        roc_auc_noisy: rocAucScore(yTestNoisy, scores),
        coefficients: Object.fromEntries(
          data.featureNames.map((name, j) => [name, model.coefficients![j]]),
        ),
      };
      onProgress({
        fraction: (0.9 * (index + 1)) / labelSets.length,
        stage:
          index + 1 < labelSets.length
            ? "Training on noisy labels"
            : "Reviewing a sample by hand",
        partial: {
          key: set,
          value: {
            ...outcomes[set],
            coefficients: { ...outcomes[set].coefficients },
          },
        },
      });
    }

    const trainRows = split.train.length;
    const sampleSize = Math.min(
      trainRows,
      Math.max(minimumReviewSize, Math.round(params.reviewRate * trainRows)),
    );
    const sampled = random.permutation(trainRows).subarray(0, sampleSize);
    let disagreements = 0;
    for (const k of sampled) {
      const row = split.train[k];
      if (noisy.both[row] !== clean[row]) disagreements++;
    }
    const interval = wilsonInterval(disagreements, sampleSize);
    const trueNoiseRate = outcomes.both.noiseRate;
    const review = {
      sampleSize,
      disagreements,
      interval,
      trueNoiseRate,
      coversTrueRate:
        interval.lower <= trueNoiseRate && trueNoiseRate <= interval.upper,
    };
    onProgress({
      fraction: 1,
      stage: "Done",
      partial: { key: "review", value: review },
    });

    let positives = 0;
    for (let i = 0; i < clean.length; i++) positives += clean[i];
    return {
      dataset: {
        rows: params.rows,
        trainRows,
        testRows: split.test.length,
        cleanPositiveRate: positives / params.rows,
      },
      outcomes,
      roc,
      review,
    };
  },

  rules: {
    /**
     * "yes" when uniform flips make the offline ROC-AUC (noisy test
     * labels) lower than the model's ROC-AUC on clean labels.
     */
    "noisy-evaluation-understates-auc": (result) =>
      result.outcomes.uniform_flips.roc_auc_noisy <
      result.outcomes.uniform_flips.roc_auc_clean
        ? "yes"
        : "no",

    /**
     * The noise that lowers the ROC-AUC on clean test labels more,
     * relative to the clean model: "uniform-flips" or "feedback-loop"
     * (uniform flips on a tie).
     */
    "noise-hurts-ranking-more": (result) =>
      result.outcomes.feedback_loop.roc_auc_clean <
      result.outcomes.uniform_flips.roc_auc_clean
        ? "feedback-loop"
        : "uniform-flips",

    /** "yes" when the feedback loop raises the item_popularity coefficient. */
    "feedback-inflates-popularity": (result) =>
      result.outcomes.feedback_loop.coefficients.item_popularity >
      result.outcomes.clean.coefficients.item_popularity
        ? "yes"
        : "no",

    /** "yes" when the review's interval contains the true noise rate. */
    "review-interval-covers-true-rate": (result) =>
      result.review.coversTrueRate ? "yes" : "no",
  },
};
