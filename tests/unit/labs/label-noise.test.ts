import { describe, expect, it } from "vitest";

import {
  labelNoise,
  labelSets,
  type LabelNoiseResult,
} from "../../../lib/labs/definitions/label-noise";
import {
  disagreementRate,
  injectLabelNoise,
  percentileRanks,
} from "../../../lib/labs/definitions/label-noise-injection";
import { RandomState } from "../../../lib/ml/random";
import { wilsonInterval } from "../../../lib/labs/wilson-interval";
import {
  expectPlainJson,
  expectProgressOrdered,
  expectRocCurve,
  paramsErrorMessages,
  runWithProgress,
} from "./lab-checks";

describe("label-noise at its defaults", () => {
  const { result, progress } = runWithProgress<LabelNoiseResult>(
    labelNoise,
    {},
  );
  const { outcomes } = result;

  it("injects about the requested noise into the training labels", () => {
    expect(outcomes.clean.noiseRate).toBe(0);
    // 16,000 training labels: two standard errors of 10% are 0.5 points.
    expect(Math.abs(outcomes.uniform_flips.noiseRate - 0.1)).toBeLessThan(
      0.006,
    );
    // Feedback noise turns negatives positive with probability 0.2 × the
    // popularity percentile: about 0.2 × 0.5 × (share of negatives).
    expect(outcomes.feedback_loop.noiseRate).toBeGreaterThan(0.03);
    expect(outcomes.feedback_loop.noiseRate).toBeLessThan(0.07);
    expect(outcomes.both.noiseRate).toBeGreaterThan(
      outcomes.uniform_flips.noiseRate,
    );
  });

  it("lets uniform flips hurt the evaluation more than the model", () => {
    const clean = outcomes.clean.roc_auc_clean;
    const flips = outcomes.uniform_flips;
    expect(Math.abs(flips.roc_auc_clean - clean)).toBeLessThan(0.01);
    expect(flips.roc_auc_noisy).toBeLessThan(flips.roc_auc_clean - 0.02);
  });

  it("lets the feedback loop inflate popularity and the offline score", () => {
    const feedback = outcomes.feedback_loop;
    expect(feedback.coefficients.item_popularity).toBeGreaterThan(
      outcomes.clean.coefficients.item_popularity,
    );
    expect(feedback.roc_auc_noisy).toBeGreaterThan(feedback.roc_auc_clean);
  });

  it("estimates the noise rate from a 1% hand review", () => {
    const { review } = result;
    expect(review.sampleSize).toBe(160);
    expect(review.trueNoiseRate).toBe(outcomes.both.noiseRate);
    const interval = wilsonInterval(review.disagreements, review.sampleSize);
    expect(review.interval).toEqual(interval);
    expect(review.coversTrueRate).toBe(
      interval.lower <= review.trueNoiseRate &&
        review.trueNoiseRate <= interval.upper,
    );
  });

  it("returns curves, progress and plain JSON", () => {
    for (const set of labelSets) expectRocCurve(result.roc[set]);
    expectProgressOrdered(progress);
    const keys = progress.flatMap((event) =>
      event.partial ? [event.partial.key] : [],
    );
    expect(keys).toEqual([...labelSets, "review"]);
    expectPlainJson(result);
  });

  it("answers its rules from the result", () => {
    const rules = labelNoise.rules;
    expect(rules["noisy-evaluation-understates-auc"](result)).toBe("yes");
    expect(rules["feedback-inflates-popularity"](result)).toBe("yes");
    expect(rules["noise-hurts-ranking-more"](result)).toBe(
      outcomes.feedback_loop.roc_auc_clean <
        outcomes.uniform_flips.roc_auc_clean
        ? "feedback-loop"
        : "uniform-flips",
    );
    expect(rules["review-interval-covers-true-rate"](result)).toBe(
      result.review.coversTrueRate ? "yes" : "no",
    );

    const edited = structuredClone(result);
    edited.review.coversTrueRate = !result.review.coversTrueRate;
    edited.outcomes.uniform_flips.roc_auc_noisy = 0.99;
    expect(rules["review-interval-covers-true-rate"](edited)).not.toBe(
      rules["review-interval-covers-true-rate"](result),
    );
    expect(rules["noisy-evaluation-understates-auc"](edited)).toBe("no");
  });
});

describe("label-noise without noise", () => {
  const { result } = runWithProgress<LabelNoiseResult>(labelNoise, {
    rows: 4_000,
    flipRate: 0,
    feedbackRate: 0,
  });

  it("trains the same model on every label set", () => {
    for (const set of labelSets) {
      expect(result.outcomes[set].noiseRate, set).toBe(0);
      expect(result.outcomes[set].roc_auc_clean, set).toBe(
        result.outcomes.clean.roc_auc_clean,
      );
    }
    expect(result.review.disagreements).toBe(0);
    expect(result.review.sampleSize).toBe(32);
  });
});

describe("label noise injection", () => {
  it("ranks ties together", () => {
    expect(Array.from(percentileRanks([0.3, 0.1, 0.3, 0.9]))).toEqual([
      0.25, 0, 0.25, 0.75,
    ]);
  });

  it("flips about flipRate of the labels", () => {
    const clean = new Uint8Array(50_000);
    const noisy = injectLabelNoise(
      clean,
      new Float64Array(50_000),
      { flipRate: 0.2, feedbackRate: 0 },
      new RandomState(1),
    );
    expect(Math.abs(disagreementRate(clean, noisy) - 0.2)).toBeLessThan(0.01);
  });

  it("adds feedback positives only where popularity is high", () => {
    const clean = new Uint8Array(20_000);
    const percentile = Float64Array.from({ length: 20_000 }, (_, i) =>
      i < 10_000 ? 0 : 1,
    );
    const noisy = injectLabelNoise(
      clean,
      percentile,
      { flipRate: 0, feedbackRate: 0.5 },
      new RandomState(2),
    );
    const low = disagreementRate(
      clean.subarray(0, 10_000),
      noisy.subarray(0, 10_000),
    );
    const high = disagreementRate(
      clean.subarray(10_000),
      noisy.subarray(10_000),
    );
    expect(low).toBe(0);
    expect(Math.abs(high - 0.5)).toBeLessThan(0.02);
  });
});

describe("label-noise parameters", () => {
  it("names each parameter and its range", () => {
    expect(paramsErrorMessages(labelNoise, { flipRate: 0.5 })).toEqual([
      "flipRate must be between 0 and 0.4",
    ]);
    expect(paramsErrorMessages(labelNoise, { reviewRate: 0 })).toEqual([
      "reviewRate must be between 0.005 and 0.1",
    ]);
  });
});
