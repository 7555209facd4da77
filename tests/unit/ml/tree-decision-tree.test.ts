import { describe, expect, it } from "vitest";

import { DecisionTreeClassifier } from "@/lib/ml/decision-tree";
import { accuracyScore, rocAucScore } from "@/lib/ml/metrics";
import type { Matrix } from "@/lib/ml/types";

import { loadCtrSplit, loadSklearnTreeFixture } from "./tree-fixture-data";

const ctr = loadCtrSplit();
const sklearn = loadSklearnTreeFixture();

/** scikit-learn 1.2.1 metrics of DecisionTreeClassifier(max_depth=5, random_state=42) on the split. */
const SKLEARN_DT_ACCURACY = 0.9185;
const SKLEARN_DT_ROC_AUC = 0.5242866847826088;

function matrix(rows: number[][]): Matrix {
  const cols = rows[0].length;
  return { rows: rows.length, cols, data: Float64Array.from(rows.flat()) };
}

function agreement(
  actual: Float64Array,
  expected: number[],
  tolerance: number,
): number {
  let equal = 0;
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) <= tolerance) equal += 1;
  }
  return equal / expected.length;
}

describe("DecisionTreeClassifier parity with scikit-learn 1.2.1", () => {
  const reference = sklearn.models.decision_tree;
  const model = new DecisionTreeClassifier({
    maxDepth: 5,
    randomState: 42,
  }).fit(ctr.xTrain, ctr.yTrain);
  const proba = model.predictProba(ctr.xTest);

  it("matches test probabilities on at least 99.9% of rows", () => {
    expect(
      agreement(proba, reference.test_proba, 1e-12),
    ).toBeGreaterThanOrEqual(0.999);
  });

  it("matches accuracy and ROC-AUC of the reference run", () => {
    expect(accuracyScore(ctr.yTest, model.predict(ctr.xTest))).toBeCloseTo(
      SKLEARN_DT_ACCURACY,
      12,
    );
    expect(
      Math.abs(rocAucScore(ctr.yTest, proba) - SKLEARN_DT_ROC_AUC),
    ).toBeLessThanOrEqual(1e-12);
  });

  it("grows the same nodes, features and thresholds", () => {
    const tree = model.treeStructure;
    const expected = reference.tree!;
    expect(Array.from(tree.feature)).toEqual(expected.feature);
    expect(Array.from(tree.threshold)).toEqual(expected.threshold);
    expect(Array.from(tree.childrenLeft)).toEqual(expected.children_left);
    expect(Array.from(tree.nNodeSamples)).toEqual(expected.n_node_samples);
  });

  it("matches feature importances", () => {
    const importances = model.featureImportances;
    reference.feature_importances.forEach((value, f) => {
      expect(Math.abs(importances[f] - value)).toBeLessThanOrEqual(1e-12);
    });
  });

  it("matches entropy with sqrt feature sampling", () => {
    const variant = sklearn.models.decision_tree_entropy_sqrt;
    const entropyModel = new DecisionTreeClassifier({
      criterion: "entropy",
      maxDepth: 8,
      maxFeatures: "sqrt",
      minSamplesLeaf: 5,
      randomState: 7,
    }).fit(ctr.xTrain, ctr.yTrain);
    const entropyProba = entropyModel.predictProba(ctr.xTest);
    expect(
      agreement(entropyProba, variant.test_proba, 1e-12),
    ).toBeGreaterThanOrEqual(0.999);
    expect(Array.from(entropyModel.treeStructure.feature)).toEqual(
      variant.tree!.feature,
    );
  });
});

describe("DecisionTreeClassifier on small cases", () => {
  it("separates a separable set with a midpoint threshold", () => {
    const x = matrix([[1], [2], [3], [10], [11], [12]]);
    const y = Uint8Array.from([0, 0, 0, 1, 1, 1]);
    const model = new DecisionTreeClassifier({ randomState: 0 }).fit(x, y);
    const tree = model.treeStructure;
    expect(tree.nodeCount).toBe(3);
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(6.5);
    expect(Array.from(model.predictProba(x))).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(model.predict(x))).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it("never splits on a constant feature", () => {
    const x = matrix([
      [5, 1],
      [5, 2],
      [5, 3],
      [5, 4],
    ]);
    const y = Uint8Array.from([0, 0, 1, 1]);
    const tree = new DecisionTreeClassifier({ randomState: 3 }).fit(
      x,
      y,
    ).treeStructure;
    expect(tree.feature[0]).toBe(1);
    expect(tree.threshold[0]).toBe(2.5);
    expect(tree.featureImportances(true)[0]).toBe(0);
  });

  it("leaves all-constant features as one leaf with the class share", () => {
    const x = matrix([[7], [7], [7], [7]]);
    const y = Uint8Array.from([0, 1, 1, 1]);
    const model = new DecisionTreeClassifier({ randomState: 0 }).fit(x, y);
    expect(model.treeStructure.nodeCount).toBe(1);
    expect(model.predictProba(matrix([[0]]))[0]).toBe(0.75);
  });

  it("keeps tied values on one side of a threshold", () => {
    const x = matrix([[1], [1], [1], [2], [2], [3]]);
    const y = Uint8Array.from([0, 0, 1, 1, 1, 1]);
    const tree = new DecisionTreeClassifier({
      maxDepth: 1,
      randomState: 0,
    }).fit(x, y).treeStructure;
    expect(tree.threshold[0]).toBe(1.5);
    expect(tree.nNodeSamples[1]).toBe(3);
  });

  it("treats values within 1e-7 in float32 as tied", () => {
    // 0.5 and its float32 successor differ by 6e-8, below FEATURE_THRESHOLD.
    const next = 0.5 + 2 ** -24;
    const x = matrix([[0.5], [next], [0.7]]);
    const y = Uint8Array.from([0, 1, 1]);
    const tree = new DecisionTreeClassifier({ randomState: 0 }).fit(
      x,
      y,
    ).treeStructure;
    expect(tree.threshold[0]).toBeCloseTo((next + 0.7) / 2, 7);
    expect(tree.nNodeSamples[1]).toBe(2);
  });

  it("compares features in float32 at prediction", () => {
    const model = new DecisionTreeClassifier({ randomState: 0 }).fit(
      matrix([[1], [2]]),
      Uint8Array.from([0, 1]),
    );
    expect(model.treeStructure.threshold[0]).toBe(1.5);
    // Above 1.5 as a double, but exactly 1.5 in float32, so it goes left.
    expect(Math.fround(1.5 + 1e-9)).toBe(1.5);
    expect(model.predict(matrix([[1.5 + 1e-9]]))[0]).toBe(0);
    expect(model.predict(matrix([[1.5 + 1e-6]]))[0]).toBe(1);
  });

  it("weights rows like repeated rows", () => {
    const x = matrix([[1], [2], [3], [4], [5]]);
    const y = Uint8Array.from([0, 1, 0, 1, 1]);
    const weighted = new DecisionTreeClassifier({
      maxDepth: 2,
      randomState: 1,
    }).fit(x, y, Float64Array.from([2, 1, 1, 3, 1]));
    const repeated = new DecisionTreeClassifier({
      maxDepth: 2,
      randomState: 1,
    }).fit(
      matrix([[1], [1], [2], [3], [4], [4], [4], [5]]),
      Uint8Array.from([0, 0, 1, 0, 1, 1, 1, 1]),
    );
    const probe = matrix([[0], [1.5], [2.5], [3.5], [6]]);
    expect(Array.from(weighted.predictProba(probe))).toEqual(
      Array.from(repeated.predictProba(probe)),
    );
  });

  it("drops rows with zero weight", () => {
    const x = matrix([[1], [2], [3], [4]]);
    const y = Uint8Array.from([0, 1, 0, 1]);
    const model = new DecisionTreeClassifier({ randomState: 0 }).fit(
      x,
      y,
      Float64Array.from([1, 0, 1, 1]),
    );
    expect(model.treeStructure.nNodeSamples[0]).toBe(3);
    expect(model.treeStructure.threshold[0]).toBe(3.5);
  });

  it("respects minSamplesLeaf", () => {
    const x = matrix([[1], [2], [3], [4], [5], [6]]);
    const y = Uint8Array.from([1, 0, 0, 0, 0, 0]);
    const tree = new DecisionTreeClassifier({
      minSamplesLeaf: 2,
      randomState: 0,
    }).fit(x, y).treeStructure;
    for (let node = 0; node < tree.nodeCount; node++) {
      expect(tree.nNodeSamples[node]).toBeGreaterThanOrEqual(2);
    }
  });

  it("gives the same tree for the same seed", () => {
    const options = { maxDepth: 6, maxFeatures: 2, randomState: 11 } as const;
    const first = new DecisionTreeClassifier(options).fit(
      ctr.xTrain,
      ctr.yTrain,
    );
    const second = new DecisionTreeClassifier(options).fit(
      ctr.xTrain,
      ctr.yTrain,
    );
    expect(Array.from(first.predictProba(ctr.xTest))).toEqual(
      Array.from(second.predictProba(ctr.xTest)),
    );
  });
});

describe("DecisionTreeClassifier JSON", () => {
  it("round-trips to identical predictions", () => {
    const model = new DecisionTreeClassifier({
      maxDepth: 5,
      randomState: 42,
    }).fit(ctr.xTrain, ctr.yTrain);
    const restored = DecisionTreeClassifier.fromJSON(
      JSON.parse(JSON.stringify(model)),
    );
    expect(Array.from(restored.predictProba(ctr.xTest))).toEqual(
      Array.from(model.predictProba(ctr.xTest)),
    );
    expect(restored.options).toEqual(model.options);
  });

  it("round-trips an unfitted model", () => {
    const restored = DecisionTreeClassifier.fromJSON(
      JSON.parse(JSON.stringify(new DecisionTreeClassifier({ maxDepth: 3 }))),
    );
    expect(restored.isFitted).toBe(false);
    expect(restored.options.maxDepth).toBe(3);
  });

  it("rejects JSON of another model", () => {
    expect(() =>
      DecisionTreeClassifier.fromJSON({ model: "Other", options: {} }),
    ).toThrow(TypeError);
    expect(() =>
      DecisionTreeClassifier.fromJSON({
        model: "DecisionTreeClassifier",
        options: {},
        nFeatures: 1,
        tree: { nFeatures: 1 },
      }),
    ).toThrow(TypeError);
  });
});

describe("DecisionTreeClassifier input checks", () => {
  const x = matrix([[1], [2], [3], [4]]);
  const y = Uint8Array.from([0, 1, 0, 1]);
  const fit = () => new DecisionTreeClassifier({ randomState: 0 });

  it("rejects empty data", () => {
    expect(() =>
      fit().fit(
        { rows: 0, cols: 1, data: new Float64Array(0) },
        new Uint8Array(0),
      ),
    ).toThrow(/rows must be an integer ≥ 1/);
  });

  it("rejects a single class", () => {
    expect(() => fit().fit(x, Uint8Array.from([1, 1, 1, 1]))).toThrow(
      /only class 1/,
    );
  });

  it("rejects NaN and Infinity in features", () => {
    expect(() => fit().fit(matrix([[1], [NaN], [3], [4]]), y)).toThrow(
      /x\[1, 0\] is NaN/,
    );
    expect(() => fit().fit(matrix([[1], [2], [Infinity], [4]]), y)).toThrow(
      RangeError,
    );
    expect(() => fit().fit(matrix([[1], [2], [1e39], [4]]), y)).toThrow(
      RangeError,
    );
  });

  it("rejects mismatched lengths", () => {
    expect(() => fit().fit(x, Uint8Array.from([0, 1, 0]))).toThrow(
      /y has length 3/,
    );
    expect(() => fit().fit(x, y, Float64Array.from([1, 1]))).toThrow(
      /sampleWeight has length 2/,
    );
    expect(() =>
      fit().fit({ rows: 4, cols: 2, data: new Float64Array(4) }, y),
    ).toThrow(/expected rows × cols = 8/);
  });

  it("rejects bad labels and weights", () => {
    expect(() => fit().fit(x, Uint8Array.from([0, 2, 0, 1]))).toThrow(
      /labels must be 0 or 1/,
    );
    expect(() => fit().fit(x, [0, 1, 0, 1] as unknown as Uint8Array)).toThrow(
      TypeError,
    );
    expect(() => fit().fit(x, y, Float64Array.from([1, -1, 1, 1]))).toThrow(
      /≥ 0/,
    );
    expect(() => fit().fit(x, y, new Float64Array(4))).toThrow(/sums to 0/);
  });

  it("rejects out-of-range options", () => {
    expect(() => new DecisionTreeClassifier({ maxDepth: 0 })).toThrow(
      /maxDepth must be an integer in \[1, 2147483647\], got 0/,
    );
    expect(() => new DecisionTreeClassifier({ maxDepth: 2.5 })).toThrow(
      RangeError,
    );
    expect(() => new DecisionTreeClassifier({ minSamplesSplit: 1 })).toThrow(
      /minSamplesSplit/,
    );
    expect(() => new DecisionTreeClassifier({ minSamplesLeaf: 0 })).toThrow(
      /minSamplesLeaf/,
    );
    expect(() => new DecisionTreeClassifier({ maxFeatures: 0 })).toThrow(
      /maxFeatures/,
    );
    expect(() => new DecisionTreeClassifier({ randomState: -1 })).toThrow(
      /randomState/,
    );
    expect(
      () => new DecisionTreeClassifier({ criterion: "mse" as "gini" }),
    ).toThrow(/criterion must be/);
    expect(() =>
      new DecisionTreeClassifier({ maxFeatures: 3 }).fit(x, y),
    ).toThrow(/maxFeatures is 3 but x has 1 features/);
  });

  it("rejects prediction before fit or with other columns", () => {
    expect(() => fit().predictProba(x)).toThrow(/not fitted/);
    const model = fit().fit(x, y);
    expect(() => model.predictProba(matrix([[1, 2]]))).toThrow(
      /has 2 features but the model was fitted with 1/,
    );
  });
});
