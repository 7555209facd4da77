/**
 * Split criteria as integer codes, and node impurities computed with
 * scikit-learn 1.2.1's formulas (sklearn/tree/_criterion.pyx) so that
 * rounding, and with it the choice between near-equal splits, agrees.
 *
 * Node sums: for classification `sum` is the weight of class 1 and
 * `second` the weight of class 0; for regression `sum` is Σ w·y and
 * `second` is Σ w·y².
 */

export const GINI = 0;
export const ENTROPY = 1;
export const SQUARED_ERROR = 2;
export const FRIEDMAN_MSE = 3;

export type CriterionCode =
  typeof GINI | typeof ENTROPY | typeof SQUARED_ERROR | typeof FRIEDMAN_MSE;

/** Criterion names accepted by the classifiers and boosting regressors. */
export type ClassificationCriterion = "gini" | "entropy" | "log_loss";
export type RegressionCriterion = "squared_error" | "friedman_mse";

const LOG_2 = Math.log(2);

/** Maps an option name to its code; "log_loss" is scikit-learn's alias of "entropy". */
export function criterionCode(
  name: ClassificationCriterion | RegressionCriterion,
): CriterionCode {
  switch (name) {
    case "gini":
      return GINI;
    case "entropy":
    case "log_loss":
      return ENTROPY;
    case "squared_error":
      return SQUARED_ERROR;
    case "friedman_mse":
      return FRIEDMAN_MSE;
  }
}

export function isClassification(criterion: CriterionCode): boolean {
  return criterion === GINI || criterion === ENTROPY;
}

/** 1 − Σ p_c² with p_c the weighted class fractions. */
export function giniImpurity(
  weight: number,
  class1: number,
  class0: number,
): number {
  let squaredCounts = 0;
  squaredCounts += class0 * class0;
  squaredCounts += class1 * class1;
  return 1 - squaredCounts / (weight * weight);
}

/** −Σ p_c·log2(p_c) over classes with positive weight. */
export function entropyImpurity(
  weight: number,
  class1: number,
  class0: number,
): number {
  let entropy = 0;
  if (class0 > 0) {
    const fraction = class0 / weight;
    entropy -= fraction * (Math.log(fraction) / LOG_2);
  }
  if (class1 > 0) {
    const fraction = class1 / weight;
    entropy -= fraction * (Math.log(fraction) / LOG_2);
  }
  return entropy;
}

/** Weighted variance Σw·y²/Σw − (Σw·y/Σw)². */
export function squaredErrorImpurity(
  weight: number,
  sum: number,
  squaredSum: number,
): number {
  const mean = sum / weight;
  return squaredSum / weight - mean * mean;
}

/** Impurity of a node from its sums under `criterion`. */
export function nodeImpurity(
  criterion: CriterionCode,
  weight: number,
  sum: number,
  second: number,
): number {
  if (criterion === GINI) return giniImpurity(weight, sum, second);
  if (criterion === ENTROPY) return entropyImpurity(weight, sum, second);
  return squaredErrorImpurity(weight, sum, second);
}

/**
 * Checks a classification criterion option.
 * @throws RangeError unless it is "gini", "entropy" or "log_loss".
 */
export function checkClassificationCriterion(
  criterion: ClassificationCriterion,
): ClassificationCriterion {
  if (
    criterion !== "gini" &&
    criterion !== "entropy" &&
    criterion !== "log_loss"
  ) {
    throw new RangeError(
      `criterion must be "gini", "entropy" or "log_loss", got ${String(criterion)}.`,
    );
  }
  return criterion;
}

/**
 * Checks a regression criterion option.
 * @throws RangeError unless it is "friedman_mse" or "squared_error".
 */
export function checkRegressionCriterion(
  criterion: RegressionCriterion,
): RegressionCriterion {
  if (criterion !== "friedman_mse" && criterion !== "squared_error") {
    throw new RangeError(
      `criterion must be "friedman_mse" or "squared_error", got ${String(criterion)}.`,
    );
  }
  return criterion;
}
