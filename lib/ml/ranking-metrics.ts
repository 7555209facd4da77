import type { Labels } from "./types";
import { assertLabels, assertScores } from "./validate";

/** Cumulative counts at each distinct score, highest score first. */
export interface BinaryCurve {
  /** False positives among rows with score ≥ threshold. */
  falsePositives: Float64Array;
  /** True positives among rows with score ≥ threshold. */
  truePositives: Float64Array;
  /** Distinct scores, descending. */
  thresholds: Float64Array;
}

/** ROC curve points, as scikit-learn's `roc_curve` returns them. */
export interface RocCurve {
  falsePositiveRate: Float64Array;
  truePositiveRate: Float64Array;
  /** Decreasing thresholds; the first is the top score + 1 (sklearn 1.2). */
  thresholds: Float64Array;
}

/** Precision-recall points, as scikit-learn's `precision_recall_curve`. */
export interface PrecisionRecallCurve {
  /** Precision by threshold ascending, then a final 1. */
  precision: Float64Array;
  /** Recall by threshold ascending (decreasing), then a final 0. */
  recall: Float64Array;
  /** Increasing distinct scores. */
  thresholds: Float64Array;
}

/**
 * Counts true and false positives above each distinct score, like
 * scikit-learn's `_binary_clf_curve` without sample weights. Positive and
 * negative scores are sorted separately as typed arrays and merged from
 * the top, which keeps ties together.
 * @throws RangeError if lengths differ or a score is not finite.
 */
export function binaryCurve(
  yTrue: Labels,
  scores: ArrayLike<number>,
): BinaryCurve {
  assertLabels(yTrue, yTrue.length, "yTrue");
  assertScores(scores, yTrue.length);
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) positives += yTrue[i];
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(yTrue.length - positives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] === 1) positiveScores[p++] = scores[i];
    else negativeScores[q++] = scores[i];
  }
  positiveScores.sort();
  negativeScores.sort();

  const falsePositives = new Float64Array(yTrue.length);
  const truePositives = new Float64Array(yTrue.length);
  const thresholds = new Float64Array(yTrue.length);
  let count = 0;
  let tp = 0;
  let fp = 0;
  p = positiveScores.length - 1;
  q = negativeScores.length - 1;
  while (p >= 0 || q >= 0) {
    const top =
      p < 0
        ? negativeScores[q]
        : q < 0
          ? positiveScores[p]
          : Math.max(positiveScores[p], negativeScores[q]);
    while (p >= 0 && positiveScores[p] === top) {
      tp++;
      p--;
    }
    while (q >= 0 && negativeScores[q] === top) {
      fp++;
      q--;
    }
    falsePositives[count] = fp;
    truePositives[count] = tp;
    thresholds[count] = top;
    count++;
  }
  return {
    falsePositives: falsePositives.slice(0, count),
    truePositives: truePositives.slice(0, count),
    thresholds: thresholds.slice(0, count),
  };
}

function requireBothClasses(curve: BinaryCurve, metric: string): void {
  const last = curve.truePositives.length - 1;
  if (
    last < 0 ||
    curve.truePositives[last] === 0 ||
    curve.falsePositives[last] === 0
  ) {
    throw new RangeError(
      `${metric} is undefined when yTrue contains only one class; include both 0 and 1.`,
    );
  }
}

/**
 * ROC curve as scikit-learn 1.2.1's `roc_curve` computes it: points at
 * each distinct score, optionally without the collinear ones between
 * (`dropIntermediate`, default true), starting at (0, 0).
 * @throws RangeError if yTrue has a single class, lengths differ or a
 * score is not finite.
 */
export function rocCurve(
  yTrue: Labels,
  scores: ArrayLike<number>,
  dropIntermediate = true,
): RocCurve {
  const curve = binaryCurve(yTrue, scores);
  requireBothClasses(curve, "ROC");
  let { falsePositives: fps, truePositives: tps, thresholds } = curve;

  if (dropIntermediate && fps.length > 2) {
    // Keep the ends and every point where either count changes slope.
    const keep = new Int32Array(fps.length);
    let kept = 0;
    keep[kept++] = 0;
    for (let i = 1; i < fps.length - 1; i++) {
      const fpBend = fps[i + 1] - 2 * fps[i] + fps[i - 1];
      const tpBend = tps[i + 1] - 2 * tps[i] + tps[i - 1];
      if (fpBend !== 0 || tpBend !== 0) keep[kept++] = i;
    }
    keep[kept++] = fps.length - 1;
    const keptFps = new Float64Array(kept);
    const keptTps = new Float64Array(kept);
    const keptThresholds = new Float64Array(kept);
    for (let k = 0; k < kept; k++) {
      keptFps[k] = fps[keep[k]];
      keptTps[k] = tps[keep[k]];
      keptThresholds[k] = thresholds[keep[k]];
    }
    fps = keptFps;
    tps = keptTps;
    thresholds = keptThresholds;
  }

  const points = fps.length + 1;
  const falsePositiveRate = new Float64Array(points);
  const truePositiveRate = new Float64Array(points);
  const outThresholds = new Float64Array(points);
  const totalNegatives = fps[fps.length - 1];
  const totalPositives = tps[tps.length - 1];
  outThresholds[0] = thresholds[0] + 1;
  for (let i = 0; i < fps.length; i++) {
    falsePositiveRate[i + 1] = fps[i] / totalNegatives;
    truePositiveRate[i + 1] = tps[i] / totalPositives;
    outThresholds[i + 1] = thresholds[i];
  }
  return { falsePositiveRate, truePositiveRate, thresholds: outThresholds };
}

/**
 * Area under a curve by the trapezoidal rule, for x monotonic in either
 * direction (scikit-learn's `auc`).
 * @throws RangeError if x is neither non-decreasing nor non-increasing or
 * the lengths differ or are below 2.
 */
export function trapezoidArea(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): number {
  if (x.length !== y.length || x.length < 2) {
    throw new RangeError(
      `x and y need the same length of at least 2, got ${x.length} and ${y.length}.`,
    );
  }
  let increasing = true;
  let decreasing = true;
  for (let i = 1; i < x.length; i++) {
    if (x[i] < x[i - 1]) increasing = false;
    if (x[i] > x[i - 1]) decreasing = false;
  }
  if (!increasing && !decreasing) {
    throw new RangeError(
      "x is neither increasing nor decreasing; sort the points first.",
    );
  }
  let area = 0;
  for (let i = 1; i < x.length; i++) {
    area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  }
  return increasing ? area : -area;
}

/**
 * Area under the ROC curve, ties counted as half (the trapezoid over the
 * tied block), as scikit-learn's `roc_auc_score` for binary labels.
 * @throws RangeError if yTrue has a single class, lengths differ or a
 * score is not finite.
 */
export function rocAucScore(yTrue: Labels, scores: ArrayLike<number>): number {
  const roc = rocCurve(yTrue, scores, true);
  return trapezoidArea(roc.falsePositiveRate, roc.truePositiveRate);
}

/**
 * Precision-recall pairs at every distinct score, as scikit-learn 1.2.1's
 * `precision_recall_curve`: precision is 0 where nothing is predicted
 * positive, and the lists end at (precision 1, recall 0).
 * @throws RangeError if yTrue has no positive, lengths differ or a score
 * is not finite.
 */
export function precisionRecallCurve(
  yTrue: Labels,
  scores: ArrayLike<number>,
): PrecisionRecallCurve {
  const {
    falsePositives: fps,
    truePositives: tps,
    thresholds,
  } = binaryCurve(yTrue, scores);
  const count = tps.length;
  const totalPositives = count === 0 ? 0 : tps[count - 1];
  if (totalPositives === 0) {
    throw new RangeError(
      "precision-recall is undefined when yTrue has no positive; include at least one 1.",
    );
  }
  const precision = new Float64Array(count + 1);
  const recall = new Float64Array(count + 1);
  const ascending = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const i = count - 1 - k;
    const predictedPositive = tps[i] + fps[i];
    precision[k] = predictedPositive === 0 ? 0 : tps[i] / predictedPositive;
    recall[k] = tps[i] / totalPositives;
    ascending[k] = thresholds[i];
  }
  precision[count] = 1;
  recall[count] = 0;
  return { precision, recall, thresholds: ascending };
}

/**
 * Average precision: Σ (R_k − R_{k−1}) · P_k over thresholds, the step
 * area without interpolation (scikit-learn's `average_precision_score`).
 * @throws RangeError if yTrue has no positive (scikit-learn only warns),
 * lengths differ or a score is not finite.
 */
export function averagePrecisionScore(
  yTrue: Labels,
  scores: ArrayLike<number>,
): number {
  const { precision, recall } = precisionRecallCurve(yTrue, scores);
  let total = 0;
  for (let k = 0; k < recall.length - 1; k++) {
    total += (recall[k + 1] - recall[k]) * precision[k];
  }
  return -total;
}
