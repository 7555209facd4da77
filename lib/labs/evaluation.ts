import {
  classificationScores,
  predictAtThreshold,
  rocCurve,
  type ClassificationScores,
} from "../ml/metrics";
import type { Labels } from "../ml/types";
import { rocPoints, type RocPoint } from "./curves";

/**
 * Scores of one model on a test split, as stored in lab results:
 * accuracy, precision, recall and F1 of hard predictions, ROC-AUC of the
 * scores. Named with underscores (roc_auc) as question specs address them.
 */
export type ModelMetrics = ClassificationScores;

/** A model's metrics and its downsampled ROC curve. */
export interface ModelEvaluation {
  metrics: ModelMetrics;
  roc: RocPoint[];
}

/**
 * Evaluates scores against test labels. Hard predictions are given, or
 * taken as score > threshold, the rule of scikit-learn's `predict` at 0.5.
 *
 * @throws {RangeError} when yTest has a single class or lengths differ.
 */
export function evaluateScores(
  yTest: Labels,
  scores: Float64Array,
  options: { predictions?: Labels; threshold?: number } = {},
): ModelEvaluation {
  const predictions =
    options.predictions ??
    predictAtThreshold(scores, options.threshold ?? 0.5, false);
  const metrics = classificationScores(yTest, predictions, scores);
  const curve = rocCurve(yTest, scores);
  return {
    metrics,
    roc: rocPoints(curve.falsePositiveRate, curve.truePositiveRate),
  };
}

/** Share of positive labels. */
export function positiveRate(y: Labels): number {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  return y.length === 0 ? 0 : positives / y.length;
}

/** Number of positive labels. */
export function countPositives(y: Labels): number {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  return positives;
}
