import type { Labels } from "./types";
import { assertInRange } from "./validate";

/** Weights per class: "balanced" or explicit weights of classes 0 and 1. */
export type ClassWeight = "balanced" | { 0: number; 1: number };

/**
 * Resolves a class weight to the pair [w0, w1]. "balanced" gives
 * n_samples / (2 · count of the class), as scikit-learn's
 * `compute_class_weight("balanced")`, computed from the labels only.
 * @throws RangeError if a class is absent under "balanced" or an explicit
 * weight is negative or not finite.
 */
export function computeClassWeight(
  classWeight: ClassWeight,
  y: Labels,
): [number, number] {
  if (classWeight === "balanced") {
    let positives = 0;
    for (let i = 0; i < y.length; i++) positives += y[i];
    const negatives = y.length - positives;
    if (positives === 0 || negatives === 0) {
      throw new RangeError(
        `classWeight "balanced" needs both classes; y has ${negatives} zeros and ${positives} ones.`,
      );
    }
    return [y.length / (2 * negatives), y.length / (2 * positives)];
  }
  if (classWeight === null || typeof classWeight !== "object") {
    throw new TypeError(
      `classWeight must be "balanced" or {0: w0, 1: w1}, got ${String(classWeight)}.`,
    );
  }
  assertInRange("classWeight[0]", classWeight[0], 0, Number.MAX_VALUE);
  assertInRange("classWeight[1]", classWeight[1], 0, Number.MAX_VALUE);
  return [classWeight[0], classWeight[1]];
}

/**
 * Per-row weights: the optional sample weight times the weight of the
 * row's class (1 for both classes when classWeight is undefined).
 */
export function effectiveSampleWeight(
  y: Labels,
  sampleWeight: Float64Array | undefined,
  classWeight: ClassWeight | undefined,
): Float64Array {
  const [w0, w1] =
    classWeight === undefined ? [1, 1] : computeClassWeight(classWeight, y);
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const base = sampleWeight === undefined ? 1 : sampleWeight[i];
    out[i] = base * (y[i] === 1 ? w1 : w0);
  }
  return out;
}
