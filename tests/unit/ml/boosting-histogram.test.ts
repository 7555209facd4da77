import { describe, expect, it } from "vitest";

import { generateCtr } from "@/lib/ml/datasets";
import { GradientBoostingClassifier } from "@/lib/ml/gradient-boosting";
import { HistogramGradientBoostingClassifier } from "@/lib/ml/histogram-gradient-boosting";
import { takeLabels, takeRows } from "@/lib/ml/matrix";
import { rocAucScore } from "@/lib/ml/metrics";
import { stratifiedTrainTestSplit } from "@/lib/ml/split";
import { binFeatures } from "@/lib/ml/tree/binning";
import { presortFeatures } from "@/lib/ml/tree/presort";
import type { Matrix } from "@/lib/ml/types";

import { loadCtrSplit } from "./tree-fixture-data";

const ctr = loadCtrSplit();

/** Rounds the CTR features so that each has fewer than 256 distinct values. */
function roundedFeatures(x: Matrix): Matrix {
  const data = x.data.map((value, i) => {
    const feature = i % x.cols;
    if (feature === 2) return Math.round(value / 5);
    if (feature < 2) return Math.round(value * 50) / 50;
    return value;
  });
  return { rows: x.rows, cols: x.cols, data };
}

describe("binFeatures", () => {
  const binned = binFeatures(presortFeatures(ctr.xTrain), 32);

  it("uses at most maxBins bins per feature", () => {
    for (let f = 0; f < binned.nFeatures; f++) {
      expect(binned.binCounts[f]).toBeGreaterThanOrEqual(1);
      expect(binned.binCounts[f]).toBeLessThanOrEqual(32);
    }
  });

  it("orders bins by value without overlap", () => {
    const { nRows, maxBins, bins, binLower, binUpper } = binned;
    let belowLower = 0;
    let aboveUpper = 0;
    let overlaps = 0;
    for (let f = 0; f < binned.nFeatures; f++) {
      for (let i = 0; i < nRows; i++) {
        const value = Math.fround(ctr.xTrain.data[i * binned.nFeatures + f]);
        const bin = bins[f * nRows + i];
        if (value < binLower[f * maxBins + bin]) belowLower += 1;
        if (value > binUpper[f * maxBins + bin]) aboveUpper += 1;
      }
      for (let b = 0; b + 1 < binned.binCounts[f]; b++) {
        if (binUpper[f * maxBins + b] >= binLower[f * maxBins + b + 1])
          overlaps += 1;
      }
    }
    expect(belowLower).toBe(0);
    expect(aboveUpper).toBe(0);
    expect(overlaps).toBe(0);
  });

  it("gives a low-cardinality feature one bin per value", () => {
    // Feature 3 is a Poisson count and feature 4 is 0/1.
    const distinctClicks = new Set(
      Array.from(
        { length: ctr.xTrain.rows },
        (_, i) => ctr.xTrain.data[i * 6 + 3],
      ),
    ).size;
    expect(binned.binCounts[3]).toBe(Math.min(distinctClicks, 32));
    expect(binned.binCounts[4]).toBe(2);
  });

  it("fills quantile bins about equally", () => {
    const { nRows, bins } = binned;
    const counts = new Array(binned.binCounts[0]).fill(0);
    for (let i = 0; i < nRows; i++) counts[bins[i]] += 1;
    for (const count of counts)
      expect(Math.abs(count - nRows / 32)).toBeLessThanOrEqual(2);
  });
});

describe("HistogramGradientBoostingClassifier", () => {
  it("equals exact boosting when every value has its own bin", () => {
    const x = roundedFeatures(ctr.xTrain);
    const options = { nEstimators: 20, maxDepth: 3, randomState: 42 };
    const exact = new GradientBoostingClassifier(options).fit(x, ctr.yTrain);
    const histogram = new HistogramGradientBoostingClassifier(options).fit(
      x,
      ctr.yTrain,
    );
    for (let round = 0; round < 20; round++) {
      expect(
        Math.abs(histogram.trainScore[round] - exact.trainScore[round]),
      ).toBeLessThanOrEqual(1e-12);
    }
    expect(Array.from(histogram.estimators[0].threshold)).toEqual(
      Array.from(exact.estimators[0].threshold),
    );
  });

  it("scores close to exact boosting on binned data", () => {
    const data = generateCtr({ rows: 5000, seed: 1, clickKeepRate: 1 });
    const split = stratifiedTrainTestSplit(data.y, {
      testSize: 0.3,
      randomState: 0,
    });
    const xTrain = takeRows(data.x, split.train);
    const yTrain = takeLabels(data.y, split.train);
    const xTest = takeRows(data.x, split.test);
    const yTest = takeLabels(data.y, split.test);
    const options = { nEstimators: 50, maxDepth: 3, randomState: 0 };
    const exactAuc = rocAucScore(
      yTest,
      new GradientBoostingClassifier(options)
        .fit(xTrain, yTrain)
        .predictProba(xTest),
    );
    const histogramAuc = rocAucScore(
      yTest,
      new HistogramGradientBoostingClassifier(options)
        .fit(xTrain, yTrain)
        .predictProba(xTest),
    );
    expect(Math.abs(histogramAuc - exactAuc)).toBeLessThanOrEqual(0.01);
  });

  it("round-trips through JSON", () => {
    const model = new HistogramGradientBoostingClassifier({
      nEstimators: 10,
      maxBins: 16,
      subsample: 0.5,
      randomState: 3,
    }).fit(ctr.xTrain, ctr.yTrain);
    const restored = HistogramGradientBoostingClassifier.fromJSON(
      JSON.parse(JSON.stringify(model)),
    );
    expect(Array.from(restored.predictProba(ctr.xTest))).toEqual(
      Array.from(model.predictProba(ctr.xTest)),
    );
    expect(restored.options).toEqual(model.options);
  });

  it("stages predictions like exact boosting", () => {
    const model = new HistogramGradientBoostingClassifier({
      nEstimators: 4,
      randomState: 0,
    }).fit(ctr.xTrain, ctr.yTrain);
    const stages = Array.from(model.stagedPredictProba(ctr.xTest));
    expect(stages.length).toBe(4);
    expect(Array.from(stages[3])).toEqual(
      Array.from(model.predictProba(ctr.xTest)),
    );
  });

  it("rejects out-of-range options", () => {
    expect(
      () => new HistogramGradientBoostingClassifier({ maxBins: 1 }),
    ).toThrow(/maxBins must be an integer in \[2, 256\], got 1/);
    expect(
      () => new HistogramGradientBoostingClassifier({ maxBins: 257 }),
    ).toThrow(/maxBins/);
    expect(
      () => new HistogramGradientBoostingClassifier({ nEstimators: 0 }),
    ).toThrow(/nEstimators/);
    expect(
      () => new HistogramGradientBoostingClassifier({ maxDepth: 0 }),
    ).toThrow(/maxDepth/);
    expect(
      () => new HistogramGradientBoostingClassifier({ minSamplesLeaf: 0 }),
    ).toThrow(/minSamplesLeaf/);
  });

  it("rejects bad data", () => {
    const model = new HistogramGradientBoostingClassifier({ nEstimators: 2 });
    const x: Matrix = { rows: 2, cols: 1, data: Float64Array.from([1, NaN]) };
    expect(() => model.fit(x, Uint8Array.from([0, 1]))).toThrow(/is NaN/);
    expect(() => model.predictProba(x)).toThrow(/not fitted/);
  });
});
