import { readFileSync } from "node:fs";
import path from "node:path";

import type { Labels, Matrix } from "@/lib/ml/types";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/ml");

/** The CTR split of ctr_seed42.csv as train and test matrices. */
export interface CtrSplit {
  featureNames: string[];
  xTrain: Matrix;
  yTrain: Labels;
  xTest: Matrix;
  yTest: Labels;
}

/** Per-model entries of sklearn_trees_n10000.json. */
export interface SklearnTreeFixture {
  versions: Record<string, string>;
  models: Record<
    string,
    {
      params: Record<string, unknown>;
      test_proba: number[];
      feature_importances: number[];
      tree?: {
        feature: number[];
        threshold: number[];
        children_left: number[];
        children_right: number[];
        n_node_samples: number[];
      };
      node_counts?: number[];
      train_score?: number[];
      init_raw_prediction?: number;
    }
  >;
}

function rowsToMatrix(
  rows: number[][],
  indices: number[],
  cols: number,
): Matrix {
  const data = new Float64Array(indices.length * cols);
  indices.forEach((rowIndex, i) => {
    for (let j = 0; j < cols; j++) data[i * cols + j] = rows[rowIndex][j];
  });
  return { rows: indices.length, cols, data };
}

/** Loads ctr_seed42.csv (last column the label) split by split.json. */
export function loadCtrSplit(): CtrSplit {
  const lines = readFileSync(path.join(FIXTURES, "ctr_seed42.csv"), "utf8")
    .trim()
    .split("\n");
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((line) => line.split(",").map(Number));
  const split = JSON.parse(
    readFileSync(path.join(FIXTURES, "split.json"), "utf8"),
  ) as {
    train_idx: number[];
    test_idx: number[];
  };
  const cols = header.length - 1;
  const labels = (indices: number[]) =>
    Uint8Array.from(indices, (rowIndex) => rows[rowIndex][cols]);
  return {
    featureNames: header.slice(0, cols),
    xTrain: rowsToMatrix(rows, split.train_idx, cols),
    yTrain: labels(split.train_idx),
    xTest: rowsToMatrix(rows, split.test_idx, cols),
    yTest: labels(split.test_idx),
  };
}

/** Loads the scikit-learn 1.2.1 reference written by scripts/reference/sklearn_trees.py. */
export function loadSklearnTreeFixture(): SklearnTreeFixture {
  return JSON.parse(
    readFileSync(path.join(FIXTURES, "sklearn_trees_n10000.json"), "utf8"),
  ) as SklearnTreeFixture;
}
