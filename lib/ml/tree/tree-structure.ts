import type { Matrix } from "../types";

/** Child index of a leaf, as scikit-learn's `TREE_LEAF`. */
export const TREE_LEAF = -1;
/** Feature and threshold of a leaf, as scikit-learn's `TREE_UNDEFINED`. */
export const TREE_UNDEFINED = -2;

/** Plain-JSON form of a {@link TreeStructure}. */
export interface TreeStructureJson {
  nFeatures: number;
  valueStride: number;
  maxDepth: number;
  childrenLeft: number[];
  childrenRight: number[];
  feature: number[];
  threshold: number[];
  impurity: number[];
  nNodeSamples: number[];
  weightedNNodeSamples: number[];
  value: number[];
}

/** Node fields as the builder hands them over. */
export interface TreeArrays {
  nFeatures: number;
  valueStride: number;
  maxDepth: number;
  childrenLeft: Int32Array;
  childrenRight: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  impurity: Float64Array;
  nNodeSamples: Int32Array;
  weightedNNodeSamples: Float64Array;
  value: Float64Array;
}

/**
 * A fitted binary tree as parallel node arrays, laid out like scikit-learn's
 * `Tree`: node 0 is the root, nodes are numbered in depth-first order with
 * the left child first, and a row goes left when its float32 feature value
 * is ≤ the node's threshold. `value` has `valueStride` entries per node:
 * the weighted class counts (class 0, class 1) for classification trees,
 * or one regression value.
 */
export class TreeStructure {
  readonly nodeCount: number;
  readonly nFeatures: number;
  readonly valueStride: number;
  readonly maxDepth: number;
  readonly childrenLeft: Int32Array;
  readonly childrenRight: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly impurity: Float64Array;
  readonly nNodeSamples: Int32Array;
  readonly weightedNNodeSamples: Float64Array;
  readonly value: Float64Array;

  constructor(arrays: TreeArrays) {
    this.nodeCount = arrays.childrenLeft.length;
    this.nFeatures = arrays.nFeatures;
    this.valueStride = arrays.valueStride;
    this.maxDepth = arrays.maxDepth;
    this.childrenLeft = arrays.childrenLeft;
    this.childrenRight = arrays.childrenRight;
    this.feature = arrays.feature;
    this.threshold = arrays.threshold;
    this.impurity = arrays.impurity;
    this.nNodeSamples = arrays.nNodeSamples;
    this.weightedNNodeSamples = arrays.weightedNNodeSamples;
    this.value = arrays.value;
  }

  /** Leaf reached by the row starting at `offset` of row-major `data`. */
  leafOfRow(data: Float64Array, offset: number): number {
    const left = this.childrenLeft;
    const feature = this.feature;
    const threshold = this.threshold;
    let node = 0;
    while (left[node] !== TREE_LEAF) {
      node =
        Math.fround(data[offset + feature[node]]) <= threshold[node]
          ? left[node]
          : this.childrenRight[node];
    }
    return node;
  }

  /** Leaf reached by row `row` of float32 columns with `nRows` rows. */
  leafOfColumnRow(columns: Float32Array, nRows: number, row: number): number {
    const left = this.childrenLeft;
    const feature = this.feature;
    const threshold = this.threshold;
    let node = 0;
    while (left[node] !== TREE_LEAF) {
      node =
        columns[feature[node] * nRows + row] <= threshold[node]
          ? left[node]
          : this.childrenRight[node];
    }
    return node;
  }

  /** Leaf index of every row of x, like scikit-learn's `apply`. */
  apply(x: Matrix): Int32Array {
    const leaves = new Int32Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      leaves[i] = this.leafOfRow(x.data, i * x.cols);
    }
    return leaves;
  }

  /**
   * Computes the impurity decrease per feature, weighted by node weight
   * and divided by the root weight. With `normalize`, the result is scaled
   * to sum 1 unless it is all zero (scikit-learn's
   * `compute_feature_importances`).
   */
  featureImportances(normalize: boolean): Float64Array {
    const importances = new Float64Array(this.nFeatures);
    const weight = this.weightedNNodeSamples;
    const impurity = this.impurity;
    for (let node = 0; node < this.nodeCount; node++) {
      const left = this.childrenLeft[node];
      if (left === TREE_LEAF) continue;
      const right = this.childrenRight[node];
      importances[this.feature[node]] +=
        weight[node] * impurity[node] -
        weight[left] * impurity[left] -
        weight[right] * impurity[right];
    }
    for (let f = 0; f < this.nFeatures; f++) importances[f] /= weight[0];

    if (normalize) {
      let total = 0;
      for (let f = 0; f < this.nFeatures; f++) total += importances[f];
      if (total > 0) {
        for (let f = 0; f < this.nFeatures; f++) importances[f] /= total;
      }
    }
    return importances;
  }

  toJSON(): TreeStructureJson {
    return {
      nFeatures: this.nFeatures,
      valueStride: this.valueStride,
      maxDepth: this.maxDepth,
      childrenLeft: Array.from(this.childrenLeft),
      childrenRight: Array.from(this.childrenRight),
      feature: Array.from(this.feature),
      threshold: Array.from(this.threshold),
      impurity: Array.from(this.impurity),
      nNodeSamples: Array.from(this.nNodeSamples),
      weightedNNodeSamples: Array.from(this.weightedNNodeSamples),
      value: Array.from(this.value),
    };
  }

  /**
   * Rebuilds a tree from {@link TreeStructure.toJSON} output.
   * @throws TypeError if a field is missing, has the wrong length, or
   * links to a node that does not exist.
   */
  static fromJSON(json: unknown): TreeStructure {
    if (json === null || typeof json !== "object") {
      throw new TypeError(
        "tree JSON must be an object from TreeStructure.toJSON().",
      );
    }
    const source = json as Record<string, unknown>;
    const nFeatures = readCount(source, "nFeatures");
    const valueStride = readCount(source, "valueStride");
    const maxDepth = readCount(source, "maxDepth");
    const childrenLeft = Int32Array.from(readNumbers(source, "childrenLeft"));
    const nodeCount = childrenLeft.length;
    const arrays: TreeArrays = {
      nFeatures,
      valueStride,
      maxDepth,
      childrenLeft,
      childrenRight: Int32Array.from(
        readNumbers(source, "childrenRight", nodeCount),
      ),
      feature: Int32Array.from(readNumbers(source, "feature", nodeCount)),
      threshold: Float64Array.from(readNumbers(source, "threshold", nodeCount)),
      impurity: Float64Array.from(readNumbers(source, "impurity", nodeCount)),
      nNodeSamples: Int32Array.from(
        readNumbers(source, "nNodeSamples", nodeCount),
      ),
      weightedNNodeSamples: Float64Array.from(
        readNumbers(source, "weightedNNodeSamples", nodeCount),
      ),
      value: Float64Array.from(
        readNumbers(source, "value", nodeCount * valueStride),
      ),
    };
    checkLinks(arrays);
    return new TreeStructure(arrays);
  }
}

function readCount(source: Record<string, unknown>, key: string): number {
  const value = source[key];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(
      `tree JSON field ${key} must be a non-negative integer.`,
    );
  }
  return value;
}

function readNumbers(
  source: Record<string, unknown>,
  key: string,
  expectedLength?: number,
): number[] {
  const value = source[key];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "number")) {
    throw new TypeError(`tree JSON field ${key} must be an array of numbers.`);
  }
  if (expectedLength !== undefined && value.length !== expectedLength) {
    throw new TypeError(
      `tree JSON field ${key} has ${value.length} entries, expected ${expectedLength}.`,
    );
  }
  return value as number[];
}

/** Rejects child links and features that would make traversal go astray. */
function checkLinks(arrays: TreeArrays): void {
  const nodeCount = arrays.childrenLeft.length;
  if (nodeCount === 0) throw new TypeError("tree JSON has no nodes.");
  for (let node = 0; node < nodeCount; node++) {
    const left = arrays.childrenLeft[node];
    const right = arrays.childrenRight[node];
    if (left === TREE_LEAF && right === TREE_LEAF) continue;
    const feature = arrays.feature[node];
    // Children come after their parent in depth-first numbering, so a
    // traversal always moves forward and ends.
    if (
      left <= node ||
      right <= node ||
      left >= nodeCount ||
      right >= nodeCount ||
      feature < 0 ||
      feature >= arrays.nFeatures
    ) {
      throw new TypeError(
        `tree JSON node ${node} has invalid children or feature.`,
      );
    }
  }
}
