import { getColumn } from "./matrix";
import type { RandomState } from "./random";
import { quantile } from "./statistics";
import type { Labels, Matrix } from "./types";
import { assertInRange, assertLabels, assertMatrix } from "./validate";

/** Hard predictions of a baseline and the score used for ranking metrics. */
export interface BaselinePrediction {
  predictions: Labels;
  scores: Float64Array;
}

function positiveRate(yTrain: Labels): number {
  assertLabels(yTrain, yTrain.length, "yTrain");
  if (yTrain.length === 0) {
    throw new RangeError("yTrain is empty; a baseline needs training labels.");
  }
  let positives = 0;
  for (let i = 0; i < yTrain.length; i++) positives += yTrain[i];
  return positives / yTrain.length;
}

function requireRowCount(nTest: number): void {
  assertInRange("nTest", nTest, 0, 2 ** 31 - 1, { integer: true });
}

/**
 * Predicts the training set's most frequent class for every row (class 0
 * on a tie, like scikit-learn's `DummyClassifier("most_frequent")`). The
 * score is constant, so its ROC-AUC is 0.5.
 * @throws RangeError for empty training labels or a bad nTest.
 */
export function majorityClassBaseline(
  yTrain: Labels,
  nTest: number,
): BaselinePrediction & { majorityClass: 0 | 1 } {
  const rate = positiveRate(yTrain);
  requireRowCount(nTest);
  const majorityClass = rate > 0.5 ? 1 : 0;
  return {
    majorityClass,
    predictions: new Uint8Array(nTest).fill(majorityClass),
    scores: new Float64Array(nTest).fill(rate),
  };
}

/**
 * Predicts 1 with the training positive rate: one uniform draw per row
 * from `random`, 1 where the draw is below the rate. The draw itself is
 * the score. Passing the stream left after the CTR recipe reproduces the
 * notebook, which draws `np.random.random(len(y_test))` right after it.
 * @throws RangeError for empty training labels or a bad nTest.
 */
export function randomBaseline(
  yTrain: Labels,
  nTest: number,
  random: RandomState,
): BaselinePrediction {
  const rate = positiveRate(yTrain);
  requireRowCount(nTest);
  const scores = random.random(nTest);
  const predictions = new Uint8Array(nTest);
  for (let i = 0; i < nTest; i++) predictions[i] = scores[i] < rate ? 1 : 0;
  return { predictions, scores };
}

/** Options of {@link popularityBaseline}. */
export interface PopularityOptions {
  /** Feature column index of the popularity signal. */
  column: number;
  /** Training quantile used as the threshold, default 0.7. */
  quantileLevel?: number;
}

/**
 * Predicts 1 where a feature (item popularity in the CTR drill) exceeds
 * its training quantile, computed with numpy's linear interpolation. The
 * feature is the score.
 * @throws RangeError for empty or non-finite matrices, mismatched columns,
 * a column out of range or a quantile level outside [0, 1].
 */
export function popularityBaseline(
  xTrain: Matrix,
  xTest: Matrix,
  options: PopularityOptions,
): BaselinePrediction & { threshold: number } {
  assertMatrix(xTrain, "xTrain");
  assertMatrix(xTest, "xTest", true);
  if (xTest.cols !== xTrain.cols) {
    throw new RangeError(
      `xTest has ${xTest.cols} columns but xTrain has ${xTrain.cols}.`,
    );
  }
  assertInRange("column", options.column, 0, xTrain.cols - 1, {
    integer: true,
  });
  const level = options.quantileLevel ?? 0.7;
  assertInRange("quantileLevel", level, 0, 1);

  const threshold = quantile(getColumn(xTrain, options.column), level);
  const scores = getColumn(xTest, options.column);
  const predictions = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    predictions[i] = scores[i] > threshold ? 1 : 0;
  }
  return { threshold, predictions, scores };
}
