/**
 * Chooses which points of a polyline to keep so a chart can draw it with
 * at most `maxPoints` points. It keeps the first and last points, and in
 * between one point each time the path has covered another
 * 1/(maxPoints − 1) of its total length. A ROC or precision-recall
 * staircase keeps its shape, because a long step spends length and so
 * keeps its corners.
 *
 * @returns indices into x and y, increasing.
 * @throws {RangeError} when x and y differ in length or maxPoints < 2.
 */
export function downsamplePolyline(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints: number,
): number[] {
  if (x.length !== y.length) {
    throw new RangeError(
      `x and y must have the same length, got ${x.length} and ${y.length}.`,
    );
  }
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new RangeError(`maxPoints must be an integer ≥ 2, got ${maxPoints}.`);
  }
  const n = x.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);

  let total = 0;
  for (let i = 1; i < n; i++)
    total += Math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]);

  const keep = [0];
  const step = total / (maxPoints - 1);
  let travelled = 0;
  let nextMark = step;
  for (let i = 1; i < n - 1 && keep.length < maxPoints - 1; i++) {
    travelled += Math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]);
    if (travelled >= nextMark) {
      keep.push(i);
      nextMark = travelled + step;
    }
  }
  keep.push(n - 1);
  return keep;
}

/** Rounds for display in charts: 4 decimals, enough at chart resolution. */
export function roundForChart(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Most points kept per curve in a lab result. */
export const maxCurvePoints = 200;

/** One point of a ROC curve. */
export interface RocPoint {
  fpr: number;
  tpr: number;
}

/** One point of a precision-recall curve. */
export interface PrecisionRecallPoint {
  recall: number;
  precision: number;
}

/** Downsamples ROC arrays into chart points. */
export function rocPoints(
  falsePositiveRate: ArrayLike<number>,
  truePositiveRate: ArrayLike<number>,
  maxPoints = maxCurvePoints,
): RocPoint[] {
  return downsamplePolyline(falsePositiveRate, truePositiveRate, maxPoints).map(
    (i) => ({
      fpr: roundForChart(falsePositiveRate[i]),
      tpr: roundForChart(truePositiveRate[i]),
    }),
  );
}

/** Downsamples precision-recall arrays into chart points. */
export function precisionRecallPoints(
  recall: ArrayLike<number>,
  precision: ArrayLike<number>,
  maxPoints = maxCurvePoints,
): PrecisionRecallPoint[] {
  return downsamplePolyline(recall, precision, maxPoints).map((i) => ({
    recall: roundForChart(recall[i]),
    precision: roundForChart(precision[i]),
  }));
}
