import { describe, expect, it } from "vitest";

import { RandomState } from "@/lib/ml/random";
import { presortFeatures } from "@/lib/ml/tree/presort";
import { RAND_R_MAX, RandR } from "@/lib/ml/tree/rand-r";
import { TreeStructure } from "@/lib/ml/tree/tree-structure";

describe("presortFeatures", () => {
  it("orders rows like a stable sort of float32 values", () => {
    const random = new RandomState(7);
    const rows = 3000;
    const cols = 3;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      data[i * cols] = random.normal(0, 1e3);
      data[i * cols + 1] = random.randint(-3, 4);
      data[i * cols + 2] =
        random.randomSample() < 0.1 ? -0 : random.uniform(-1e-30, 1e-30);
    }
    const sorted = presortFeatures({ rows, cols, data });
    for (let f = 0; f < cols; f++) {
      const expected = Array.from({ length: rows }, (_, i) => i).sort(
        (a, b) => {
          const difference =
            Math.fround(data[a * cols + f]) - Math.fround(data[b * cols + f]);
          return difference !== 0 ? difference : a - b;
        },
      );
      expect(
        Array.from(sorted.order.subarray(f * rows, (f + 1) * rows)),
      ).toEqual(expected);
    }
  });

  it("stores features as float32 columns", () => {
    const sorted = presortFeatures({
      rows: 2,
      cols: 2,
      data: Float64Array.from([0.1, 2, 0.3, 4]),
    });
    expect(Array.from(sorted.columns)).toEqual([
      Math.fround(0.1),
      Math.fround(0.3),
      2,
      4,
    ]);
  });
});

describe("RandR", () => {
  it("draws integers in [low, high)", () => {
    const random = new RandR(12345);
    for (let k = 0; k < 1000; k++) {
      const value = random.randInt(2, 9);
      expect(value).toBeGreaterThanOrEqual(2);
      expect(value).toBeLessThan(9);
    }
  });

  it("replaces the seed 0, which xorshift cannot leave", () => {
    const fromZero = new RandR(0).next();
    expect(fromZero).toBe(new RandR(1).next());
    expect(fromZero).toBeGreaterThan(0);
    expect(fromZero).toBeLessThanOrEqual(RAND_R_MAX);
  });
});

describe("TreeStructure.fromJSON", () => {
  const leafOnly = {
    nFeatures: 1,
    valueStride: 2,
    maxDepth: 0,
    childrenLeft: [-1],
    childrenRight: [-1],
    feature: [-2],
    threshold: [-2],
    impurity: [0.5],
    nNodeSamples: [4],
    weightedNNodeSamples: [4],
    value: [2, 2],
  };

  it("accepts a valid single leaf", () => {
    const tree = TreeStructure.fromJSON(leafOnly);
    expect(tree.nodeCount).toBe(1);
    expect(
      Array.from(
        tree.apply({ rows: 1, cols: 1, data: Float64Array.from([3]) }),
      ),
    ).toEqual([0]);
  });

  it("rejects links that point backwards or outside", () => {
    const looping = {
      ...leafOnly,
      childrenLeft: [0, -1],
      childrenRight: [1, -1],
      feature: [0, -2],
      threshold: [1, -2],
      impurity: [0.5, 0],
      nNodeSamples: [4, 2],
      weightedNNodeSamples: [4, 2],
      value: [2, 2, 1, 1],
    };
    expect(() => TreeStructure.fromJSON(looping)).toThrow(
      /node 0 has invalid children/,
    );
  });

  it("rejects arrays of the wrong length", () => {
    expect(() => TreeStructure.fromJSON({ ...leafOnly, value: [1] })).toThrow(
      /value has 1 entries, expected 2/,
    );
  });
});
