import { describe, expect, it } from "vitest";

import { generateCtr } from "@/lib/ml/datasets";
import {
  chooseThreshold,
  computeClassWeight,
  randomOversample,
  randomUndersample,
} from "@/lib/ml/imbalance";
import { LogisticRegression } from "@/lib/ml/logistic-regression";
import { takeLabels, takeRows } from "@/lib/ml/matrix";
import {
  classificationScores,
  precisionScore,
  recallScore,
} from "@/lib/ml/metrics";
import { predictAtThreshold } from "@/lib/ml/metrics";

import { loadReferenceRun, loadReferenceSplit } from "./fixtures";

describe("randomOversample on the notebook data", () => {
  const data = generateCtr({ rows: 10_000, seed: 42 });
  const split = loadReferenceSplit();
  const xTrain = takeRows(data.x, split.train_idx);
  const yTrain = takeLabels(data.y, split.train_idx);
  const xTest = takeRows(data.x, split.test_idx);
  const yTest = takeLabels(data.y, split.test_idx);
  const reference = loadReferenceRun();

  it("balances the classes", () => {
    const balanced = randomOversample(xTrain, yTrain, 42);
    let positives = 0;
    for (const label of balanced.y) positives += label;
    expect(balanced.x.rows).toBe(2 * (8000 - 641));
    expect(positives).toBe(8000 - 641);
    for (let k = 0; k < balanced.sourceRows.length; k++) {
      expect(yTrain[balanced.sourceRows[k]]).toBe(balanced.y[k]);
    }
  });

  it("draws as sklearn.utils.resample does", () => {
    const balanced = randomOversample(xTrain, yTrain, 42);
    const model = new LogisticRegression().fit(balanced.x, balanced.y);
    const optimum = reference.lr_coefficients_optimum!.lr_oversampled;
    const actual = [...model.coefficients!, model.intercept];
    const expected = [...optimum.coef, optimum.intercept];
    for (let j = 0; j < expected.length; j++) {
      expect(
        Math.abs(actual[j] - expected[j]) / Math.abs(expected[j]),
      ).toBeLessThan(1e-6);
    }
    const scores = classificationScores(
      yTest,
      model.predict(xTest),
      model.predictProba(xTest),
    );
    const metrics = reference.metrics.lr_oversampled;
    expect(Math.abs(scores.roc_auc - metrics.roc_auc)).toBeLessThanOrEqual(
      0.002,
    );
    expect(Math.abs(scores.recall - metrics.recall)).toBeLessThanOrEqual(0.02);
  });

  it("undersampling keeps every minority row", () => {
    const reduced = randomUndersample(xTrain, yTrain, 7);
    expect(reduced.x.rows).toBe(2 * 641);
    const kept = new Set(reduced.sourceRows);
    expect(kept.size).toBe(reduced.sourceRows.length);
    for (let i = 0; i < yTrain.length; i++)
      if (yTrain[i] === 1) expect(kept.has(i)).toBe(true);
  });
});

describe("class weights", () => {
  it("balanced is n / (2 · count)", () => {
    const y = new Uint8Array([0, 0, 0, 1]);
    expect(computeClassWeight("balanced", y)).toEqual([4 / 6, 4 / 2]);
  });

  it("explicit weights pass through", () => {
    expect(computeClassWeight({ 0: 1, 1: 9 }, new Uint8Array([0, 1]))).toEqual([
      1, 9,
    ]);
  });

  it("rejects bad weights", () => {
    expect(() =>
      computeClassWeight("balanced", new Uint8Array([0, 0])),
    ).toThrow(/both classes/);
    expect(() =>
      computeClassWeight({ 0: -1, 1: 1 }, new Uint8Array([0, 1])),
    ).toThrow(/classWeight\[0\]/);
  });
});

describe("chooseThreshold", () => {
  const y = new Uint8Array([0, 0, 1, 0, 1, 1, 0, 1, 0, 0]);
  const scores = [0.1, 0.2, 0.3, 0.35, 0.4, 0.6, 0.65, 0.7, 0.8, 0.05];

  it("reaches the target recall", () => {
    for (const target of [0.25, 0.5, 0.75, 1]) {
      const choice = chooseThreshold(y, scores, { recall: target });
      const predictions = predictAtThreshold(scores, choice.threshold);
      expect(recallScore(y, predictions)).toBeGreaterThanOrEqual(target);
      expect(choice.recall).toBe(recallScore(y, predictions));
      // A higher threshold would miss the target.
      const higher = scores.filter((s) => s > choice.threshold);
      if (higher.length > 0) {
        const next = predictAtThreshold(scores, Math.min(...higher));
        expect(recallScore(y, next)).toBeLessThan(target);
      }
    }
  });

  it("reaches the target precision", () => {
    const choice = chooseThreshold(y, scores, { precision: 0.6 });
    expect(choice.achieved).toBe(true);
    const predictions = predictAtThreshold(scores, choice.threshold);
    expect(precisionScore(y, predictions)).toBeGreaterThanOrEqual(0.6);
    expect(choice.precision).toBe(precisionScore(y, predictions));
  });

  it("flags an unreachable precision", () => {
    const choice = chooseThreshold(new Uint8Array([1, 0, 0]), [0.1, 0.9, 0.8], {
      precision: 0.9,
    });
    expect(choice.achieved).toBe(false);
  });

  it("maximises F1", () => {
    const choice = chooseThreshold(y, scores, { maximize: "f1" });
    for (const threshold of scores) {
      const predictions = predictAtThreshold(scores, threshold);
      const p = precisionScore(y, predictions);
      const r = recallScore(y, predictions);
      const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
      expect(choice.f1).toBeGreaterThanOrEqual(f1 - 1e-12);
    }
  });

  it("rejects bad targets", () => {
    expect(() => chooseThreshold(y, scores, { recall: 1.5 })).toThrow(/recall/);
    expect(() =>
      chooseThreshold(new Uint8Array(3), [1, 2, 3], { recall: 0.5 }),
    ).toThrow(/no positive/);
  });
});
