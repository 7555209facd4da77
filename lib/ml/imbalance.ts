import { concatRows, takeRows } from "./matrix";
import { RandomState } from "./random";
import { precisionRecallCurve } from "./ranking-metrics";
import type { Labels, Matrix } from "./types";
import {
  assertBothClasses,
  assertInRange,
  assertLabels,
  assertMatrix,
} from "./validate";

export { computeClassWeight, effectiveSampleWeight } from "./class-weight";
export type { ClassWeight } from "./class-weight";

/** A resampled training set and, per row, its row in the original data. */
export interface ResampledData {
  x: Matrix;
  y: Labels;
  sourceRows: Int32Array;
}

function rowsByClass(y: Labels): {
  majority: number[];
  minority: number[];
  minorityClass: 0 | 1;
} {
  const zeros: number[] = [];
  const ones: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? ones : zeros).push(i);
  // Class 1 is the minority on a tie, as in the CTR and fraud drills.
  return ones.length <= zeros.length
    ? { majority: zeros, minority: ones, minorityClass: 1 }
    : { majority: ones, minority: zeros, minorityClass: 0 };
}

function assemble(
  x: Matrix,
  y: Labels,
  firstRows: ArrayLike<number>,
  secondRows: ArrayLike<number>,
): ResampledData {
  const sourceRows = new Int32Array(firstRows.length + secondRows.length);
  sourceRows.set(firstRows, 0);
  sourceRows.set(secondRows, firstRows.length);
  const labels = new Uint8Array(sourceRows.length);
  for (let k = 0; k < sourceRows.length; k++) labels[k] = y[sourceRows[k]];
  return {
    x: concatRows([takeRows(x, firstRows), takeRows(x, secondRows)]),
    y: labels,
    sourceRows,
  };
}

function checkInput(x: Matrix, y: Labels, randomState: number): void {
  assertMatrix(x);
  assertLabels(y, x.rows);
  assertBothClasses(y);
  assertInRange("randomState", randomState, 0, 0xffffffff, { integer: true });
}

/**
 * Random oversampling of the minority class with replacement up to the
 * majority count. The result is the majority rows in their order, then
 * the drawn minority rows, the layout of the notebook's
 * `concat([X_majority, resample(X_minority, replace=True,
 * n_samples=len(X_majority), random_state)])`, with the same draws:
 * `RandomState(randomState).randint(0, n_minority, n_majority)`.
 * @throws RangeError for empty or non-finite data, one class only, or a
 * seed outside [0, 2^32 − 1].
 */
export function randomOversample(
  x: Matrix,
  y: Labels,
  randomState = 42,
): ResampledData {
  checkInput(x, y, randomState);
  const { majority, minority } = rowsByClass(y);
  const draws = new RandomState(randomState).randint(
    0,
    minority.length,
    majority.length,
  );
  const drawn = Int32Array.from(draws, (k) => minority[k]);
  return assemble(x, y, majority, drawn);
}

/**
 * Random undersampling of the majority class without replacement down to
 * the minority count: scikit-learn's `resample(replace=False)` draws, a
 * shuffle of the majority positions then the first n_minority. The result
 * is the kept majority rows, then the minority rows in their order.
 * @throws RangeError for empty or non-finite data, one class only, or a
 * seed outside [0, 2^32 − 1].
 */
export function randomUndersample(
  x: Matrix,
  y: Labels,
  randomState = 42,
): ResampledData {
  checkInput(x, y, randomState);
  const { majority, minority } = rowsByClass(y);
  const order = new RandomState(randomState).permutation(majority.length);
  const kept = Int32Array.from(
    order.subarray(0, minority.length),
    (k) => majority[k],
  );
  return assemble(x, y, kept, minority);
}

/** Target of {@link chooseThreshold}. */
export type ThresholdTarget =
  { recall: number } | { precision: number } | { maximize: "f1" };

/** A decision threshold with the validation scores it gives. */
export interface ThresholdChoice {
  /** Predict 1 where score ≥ threshold. */
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** False when no threshold reaches the requested precision. */
  achieved: boolean;
}

/**
 * Threshold moving on a validation set. For a recall target: the highest
 * threshold whose recall reaches it (so the best precision among those).
 * For a precision target: the lowest threshold whose precision reaches it
 * (the best recall); if none does, the threshold with the highest
 * precision and `achieved: false`. For "f1": the threshold with the
 * highest F1.
 * @throws RangeError if the validation labels have no positive, lengths
 * differ, a score is not finite or a target is outside [0, 1].
 */
export function chooseThreshold(
  yValidation: Labels,
  scores: ArrayLike<number>,
  target: ThresholdTarget,
): ThresholdChoice {
  const curve = precisionRecallCurve(yValidation, scores);
  // Entries 0..count−1 are thresholds ascending; the last entry is the
  // (precision 1, recall 0) end point with no threshold.
  const count = curve.thresholds.length;
  const choice = (k: number, achieved: boolean): ThresholdChoice => {
    const precision = curve.precision[k];
    const recall = curve.recall[k];
    const f1 =
      precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
    return { threshold: curve.thresholds[k], precision, recall, f1, achieved };
  };

  if ("recall" in target) {
    assertInRange("target recall", target.recall, 0, 1);
    let best = 0;
    for (let k = 0; k < count; k++)
      if (curve.recall[k] >= target.recall) best = k;
    return choice(best, true);
  }

  if ("precision" in target) {
    assertInRange("target precision", target.precision, 0, 1);
    for (let k = 0; k < count; k++) {
      if (curve.precision[k] >= target.precision) return choice(k, true);
    }
    let best = 0;
    for (let k = 1; k < count; k++) {
      if (curve.precision[k] > curve.precision[best]) best = k;
    }
    return choice(best, false);
  }

  if (target.maximize !== "f1") {
    throw new RangeError(
      `target must be {recall}, {precision} or {maximize: "f1"}, got ${JSON.stringify(target)}.`,
    );
  }
  let best = 0;
  let bestF1 = -1;
  for (let k = 0; k < count; k++) {
    const current = choice(k, true).f1;
    if (current > bestF1) {
      bestF1 = current;
      best = k;
    }
  }
  return choice(best, true);
}
