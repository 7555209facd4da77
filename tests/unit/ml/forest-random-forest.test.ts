import { describe, expect, it } from "vitest";

import { DecisionTreeClassifier } from "@/lib/ml/decision-tree";
import { rocAucScore } from "@/lib/ml/metrics";
import { RandomForestClassifier } from "@/lib/ml/random-forest";
import type { Matrix } from "@/lib/ml/types";

import { loadCtrSplit, loadSklearnTreeFixture } from "./tree-fixture-data";

const ctr = loadCtrSplit();
const sklearn = loadSklearnTreeFixture();

/** scikit-learn 1.2.1 ROC-AUC of RandomForestClassifier(100 trees, max_depth=10, random_state=42). */
const SKLEARN_RF_ROC_AUC = 0.5355978260869565;

function matrix(rows: number[][]): Matrix {
  return {
    rows: rows.length,
    cols: rows[0].length,
    data: Float64Array.from(rows.flat()),
  };
}

describe("RandomForestClassifier parity with scikit-learn 1.2.1", () => {
  const reference = sklearn.models.random_forest;
  const model = new RandomForestClassifier({
    nEstimators: 100,
    maxDepth: 10,
    randomState: 42,
  }).fit(ctr.xTrain, ctr.yTrain);
  const proba = model.predictProba(ctr.xTest);

  it("has ROC-AUC within 0.01 of scikit-learn's", () => {
    expect(
      Math.abs(rocAucScore(ctr.yTest, proba) - SKLEARN_RF_ROC_AUC),
    ).toBeLessThanOrEqual(0.01);
  });

  it("matches test probabilities row by row", () => {
    let maxDifference = 0;
    reference.test_proba.forEach((expected, i) => {
      maxDifference = Math.max(maxDifference, Math.abs(proba[i] - expected));
    });
    expect(maxDifference).toBeLessThanOrEqual(1e-12);
  });

  it("grows trees of the same size", () => {
    expect(model.estimators.map((tree) => tree.nodeCount)).toEqual(
      reference.node_counts,
    );
  });

  it("matches feature importances", () => {
    const importances = model.featureImportances;
    reference.feature_importances.forEach((value, f) => {
      expect(Math.abs(importances[f] - value)).toBeLessThanOrEqual(1e-12);
    });
  });
});

describe("RandomForestClassifier behaviour", () => {
  const small = { nEstimators: 10, maxDepth: 4 };

  it("is reproducible for a seed and varies across seeds", () => {
    const first = new RandomForestClassifier({ ...small, randomState: 5 }).fit(
      ctr.xTrain,
      ctr.yTrain,
    );
    const again = new RandomForestClassifier({ ...small, randomState: 5 }).fit(
      ctr.xTrain,
      ctr.yTrain,
    );
    const other = new RandomForestClassifier({ ...small, randomState: 6 }).fit(
      ctr.xTrain,
      ctr.yTrain,
    );
    const probe = first.predictProba(ctr.xTest);
    expect(Array.from(again.predictProba(ctr.xTest))).toEqual(
      Array.from(probe),
    );
    expect(Array.from(other.predictProba(ctr.xTest))).not.toEqual(
      Array.from(probe),
    );
  });

  it("averages single-tree probabilities", () => {
    const model = new RandomForestClassifier({ ...small, randomState: 9 }).fit(
      ctr.xTrain,
      ctr.yTrain,
    );
    const proba = model.predictProba(ctr.xTest);
    const byTree = model.estimators.map((tree) => tree.apply(ctr.xTest));
    for (const i of [0, 17, 1999]) {
      let sum = 0;
      model.estimators.forEach((tree, t) => {
        const leaf = byTree[t][i];
        sum +=
          tree.value[2 * leaf + 1] /
          (tree.value[2 * leaf] + tree.value[2 * leaf + 1]);
      });
      expect(proba[i]).toBeCloseTo(sum / model.estimators.length, 14);
    }
  });

  it("equals a decision tree without bootstrap or feature sampling", () => {
    const x = matrix([
      [1, 4],
      [2, 3],
      [3, 2],
      [4, 1],
      [5, 0],
    ]);
    const y = Uint8Array.from([0, 0, 1, 1, 1]);
    const forest = new RandomForestClassifier({
      nEstimators: 3,
      bootstrap: false,
      maxFeatures: null,
      randomState: 1,
    }).fit(x, y);
    const tree = new DecisionTreeClassifier({ randomState: 1 }).fit(x, y);
    expect(Array.from(forest.predictProba(x))).toEqual(
      Array.from(tree.predictProba(x)),
    );
  });

  it("draws maxSamples rows per bootstrap", () => {
    const model = new RandomForestClassifier({
      nEstimators: 3,
      maxSamples: 100,
      randomState: 2,
    }).fit(ctr.xTrain, ctr.yTrain);
    for (const tree of model.estimators)
      expect(tree.weightedNNodeSamples[0]).toBe(100);
  });

  it("predicts the class with the larger mean probability", () => {
    const model = new RandomForestClassifier({ ...small, randomState: 3 }).fit(
      ctr.xTrain,
      ctr.yTrain,
    );
    const proba = model.predictProba(ctr.xTest);
    const labels = model.predict(ctr.xTest);
    proba.forEach((p, i) => {
      if (Math.abs(p - 0.5) > 1e-12) expect(labels[i]).toBe(p > 0.5 ? 1 : 0);
    });
  });
});

describe("RandomForestClassifier JSON", () => {
  it("round-trips to identical predictions", () => {
    const model = new RandomForestClassifier({
      nEstimators: 20,
      maxDepth: 6,
      randomState: 4,
    }).fit(ctr.xTrain, ctr.yTrain);
    const restored = RandomForestClassifier.fromJSON(
      JSON.parse(JSON.stringify(model)),
    );
    expect(Array.from(restored.predictProba(ctr.xTest))).toEqual(
      Array.from(model.predictProba(ctr.xTest)),
    );
    expect(Array.from(restored.featureImportances)).toEqual(
      Array.from(model.featureImportances),
    );
  });

  it("rejects a tree count that disagrees with nEstimators", () => {
    const json = JSON.parse(
      JSON.stringify(
        new RandomForestClassifier({
          nEstimators: 2,
          maxDepth: 2,
          randomState: 0,
        }).fit(ctr.xTrain, ctr.yTrain),
      ),
    );
    json.trees.pop();
    expect(() => RandomForestClassifier.fromJSON(json)).toThrow(
      /must have 2 trees/,
    );
  });
});

describe("RandomForestClassifier input checks", () => {
  const x = matrix([[1], [2], [3], [4]]);
  const y = Uint8Array.from([0, 1, 0, 1]);

  it("rejects out-of-range options", () => {
    expect(() => new RandomForestClassifier({ nEstimators: 0 })).toThrow(
      /nEstimators must be an integer ≥ 1, got 0/,
    );
    expect(() => new RandomForestClassifier({ maxDepth: 0 })).toThrow(
      /maxDepth/,
    );
    expect(() => new RandomForestClassifier({ maxSamples: 0 })).toThrow(
      /maxSamples/,
    );
    expect(() => new RandomForestClassifier({ maxSamples: 1.5 })).toThrow(
      /maxSamples/,
    );
    expect(() =>
      new RandomForestClassifier({ maxSamples: 5 }).fit(x, y),
    ).toThrow(/maxSamples is 5 but x has 4 rows/);
  });

  it("rejects bad data", () => {
    const forest = () =>
      new RandomForestClassifier({ nEstimators: 2, randomState: 0 });
    expect(() => forest().fit(x, Uint8Array.from([0, 0, 0, 0]))).toThrow(
      /only class 0/,
    );
    expect(() => forest().fit(matrix([[1], [NaN], [3], [4]]), y)).toThrow(
      /is NaN/,
    );
    expect(() => forest().fit(x, Uint8Array.from([0, 1]))).toThrow(
      /y has length 2/,
    );
    expect(() => forest().predictProba(x)).toThrow(/not fitted/);
  });
});
