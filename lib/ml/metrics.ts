import { rocAucScore } from "./ranking-metrics";
import type { Labels } from "./types";
import { assertLabels, assertScores } from "./validate";

export {
  averagePrecisionScore,
  binaryCurve,
  precisionRecallCurve,
  rocAucScore,
  rocCurve,
  trapezoidArea,
} from "./ranking-metrics";
export type {
  BinaryCurve,
  PrecisionRecallCurve,
  RocCurve,
} from "./ranking-metrics";
export { calibrationCurve } from "./calibration";
export type { CalibrationBin, CalibrationOptions } from "./calibration";

/** Counts of a binary confusion matrix (positive class 1). */
export interface ConfusionMatrix {
  trueNegatives: number;
  falsePositives: number;
  falseNegatives: number;
  truePositives: number;
}

/** The five scores the notebook prints for every model. */
export interface ClassificationScores {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  roc_auc: number;
}

/**
 * Counts true/false negatives and positives of hard 0/1 predictions.
 * @throws TypeError or RangeError if either array is not 0/1 labels of
 * the same length.
 */
export function confusionMatrix(yTrue: Labels, yPred: Labels): ConfusionMatrix {
  assertLabels(yTrue, yTrue.length, "yTrue");
  assertLabels(yPred, yTrue.length, "yPred");
  let tn = 0;
  let fp = 0;
  let fn = 0;
  let tp = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] === 1) {
      if (yPred[i] === 1) tp++;
      else fn++;
    } else if (yPred[i] === 1) {
      fp++;
    } else {
      tn++;
    }
  }
  return {
    trueNegatives: tn,
    falsePositives: fp,
    falseNegatives: fn,
    truePositives: tp,
  };
}

function requireRows(yTrue: Labels): void {
  if (yTrue.length === 0) {
    throw new RangeError("yTrue is empty; metrics need at least one row.");
  }
}

/**
 * Share of predictions equal to the label.
 * @throws RangeError for empty or mismatched input.
 */
export function accuracyScore(yTrue: Labels, yPred: Labels): number {
  const counts = confusionMatrix(yTrue, yPred);
  requireRows(yTrue);
  return (counts.truePositives + counts.trueNegatives) / yTrue.length;
}

/**
 * tp / (tp + fp); 0 when nothing is predicted positive (scikit-learn's
 * `zero_division=0`).
 * @throws RangeError for empty or mismatched input.
 */
export function precisionScore(yTrue: Labels, yPred: Labels): number {
  const counts = confusionMatrix(yTrue, yPred);
  requireRows(yTrue);
  return precisionFromCounts(counts);
}

/**
 * tp / (tp + fn); 0 when there is no positive label (`zero_division=0`).
 * @throws RangeError for empty or mismatched input.
 */
export function recallScore(yTrue: Labels, yPred: Labels): number {
  const counts = confusionMatrix(yTrue, yPred);
  requireRows(yTrue);
  return recallFromCounts(counts);
}

/**
 * Harmonic mean 2PR / (P + R), 0 when P + R is 0, computed from P and R
 * as scikit-learn 1.2.1 does.
 * @throws RangeError for empty or mismatched input.
 */
export function f1Score(yTrue: Labels, yPred: Labels): number {
  const counts = confusionMatrix(yTrue, yPred);
  requireRows(yTrue);
  return f1FromCounts(counts);
}

function precisionFromCounts(counts: ConfusionMatrix): number {
  const predicted = counts.truePositives + counts.falsePositives;
  return predicted === 0 ? 0 : counts.truePositives / predicted;
}

function recallFromCounts(counts: ConfusionMatrix): number {
  const actual = counts.truePositives + counts.falseNegatives;
  return actual === 0 ? 0 : counts.truePositives / actual;
}

function f1FromCounts(counts: ConfusionMatrix): number {
  const precision = precisionFromCounts(counts);
  const recall = recallFromCounts(counts);
  const denominator = precision + recall;
  return denominator === 0 ? 0 : (2 * precision * recall) / denominator;
}

/**
 * Hard predictions from probabilities: 1 where probability ≥ threshold
 * (scikit-learn's `predict` is probability > 0.5, identical except for
 * scores of exactly 0.5).
 * @throws RangeError if threshold or a probability is not finite.
 */
export function predictAtThreshold(
  probabilities: ArrayLike<number>,
  threshold = 0.5,
  inclusive = true,
): Labels {
  if (!Number.isFinite(threshold)) {
    throw new RangeError(`threshold must be finite, got ${threshold}.`);
  }
  assertScores(probabilities, probabilities.length, "probabilities");
  const out = new Uint8Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    out[i] = (inclusive ? p >= threshold : p > threshold) ? 1 : 0;
  }
  return out;
}

/**
 * Accuracy, precision, recall, F1 (zero_division 0) of hard predictions and
 * ROC-AUC of scores. A constant score gives ROC-AUC 0.5.
 * @throws RangeError if yTrue has a single class or lengths differ.
 */
export function classificationScores(
  yTrue: Labels,
  yPred: Labels,
  scores: ArrayLike<number>,
): ClassificationScores {
  const counts = confusionMatrix(yTrue, yPred);
  requireRows(yTrue);
  return {
    accuracy: (counts.truePositives + counts.trueNegatives) / yTrue.length,
    precision: precisionFromCounts(counts),
    recall: recallFromCounts(counts),
    f1: f1FromCounts(counts),
    roc_auc: rocAucScore(yTrue, scores),
  };
}

function assertProbabilities(
  yTrue: Labels,
  probabilities: ArrayLike<number>,
): void {
  assertLabels(yTrue, yTrue.length, "yTrue");
  requireRows(yTrue);
  assertScores(probabilities, yTrue.length, "probabilities");
  for (let i = 0; i < probabilities.length; i++) {
    if (probabilities[i] < 0 || probabilities[i] > 1) {
      throw new RangeError(
        `probabilities[${i}] is ${probabilities[i]}; probabilities must be in [0, 1].`,
      );
    }
  }
}

/**
 * Mean negative log-likelihood of the labels, probabilities clipped to
 * [ε, 1 − ε] with ε the double epsilon and renormalised as scikit-learn
 * 1.2.1's `log_loss` (eps="auto") does.
 * @throws RangeError for empty or mismatched input or a probability
 * outside [0, 1].
 */
export function logLoss(
  yTrue: Labels,
  probabilities: ArrayLike<number>,
): number {
  assertProbabilities(yTrue, probabilities);
  const eps = Number.EPSILON;
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(probabilities[i], eps), 1 - eps);
    const q = 1 - p;
    const sum = q + p;
    total -= Math.log(yTrue[i] === 1 ? p / sum : q / sum);
  }
  return total / yTrue.length;
}

/**
 * Brier score: mean squared difference between probability and label.
 * @throws RangeError for empty or mismatched input or a probability
 * outside [0, 1].
 */
export function brierScoreLoss(
  yTrue: Labels,
  probabilities: ArrayLike<number>,
): number {
  assertProbabilities(yTrue, probabilities);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const difference = yTrue[i] - probabilities[i];
    total += difference * difference;
  }
  return total / yTrue.length;
}
