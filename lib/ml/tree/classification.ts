import type { Matrix } from "../types";
import type { TreeStructure } from "./tree-structure";

/**
 * Probability of `label` (0 or 1) at a classification tree's leaf: that
 * class's weighted count over the leaf's total weight (scikit-learn divides
 * by 1 instead when the total is 0).
 */
export function leafClassProbability(
  tree: TreeStructure,
  leaf: number,
  label: number,
): number {
  const class0 = tree.value[2 * leaf];
  const class1 = tree.value[2 * leaf + 1];
  const total = class0 + class1;
  return (label === 1 ? class1 : class0) / (total === 0 ? 1 : total);
}

/**
 * Adds each row's probability of `label` under `tree` to `out`, or stores
 * it when `accumulate` is false.
 */
export function predictClassProbability(
  tree: TreeStructure,
  x: Matrix,
  label: number,
  out: Float64Array,
  accumulate: boolean,
): void {
  for (let i = 0; i < x.rows; i++) {
    const leaf = tree.leafOfRow(x.data, i * x.cols);
    const probability = leafClassProbability(tree, leaf, label);
    out[i] = accumulate ? out[i] + probability : probability;
  }
}

/** Returns n unit weights, the default sample weights. */
export function unitWeights(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}

/** Converts labels to float targets for the splitter. */
export function labelsAsTarget(y: Uint8Array): Float64Array {
  return Float64Array.from(y);
}
