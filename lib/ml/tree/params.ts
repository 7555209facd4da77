import { RandomState } from "../random";

/**
 * Number of features drawn at each split, as scikit-learn's
 * `max_features`. null means all of them. "sqrt" and "log2" take that
 * function of the feature count, rounded down and at least 1. An integer
 * ≥ 1 is a count, and a fraction in (0, 1) is a share of the features,
 * rounded down and at least 1. Write null, not 1.0, for all features,
 * because 1 means one feature.
 */
export type MaxFeatures = null | "sqrt" | "log2" | number;

/** Largest int32, scikit-learn's depth for `max_depth=None`. */
export const UNLIMITED_DEPTH = 2147483647;

/**
 * Checks that `value` is an integer in [min, max].
 * @throws RangeError naming the option and the valid range.
 */
export function checkInteger(
  name: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be an integer ${range}, got ${value}.`);
  }
  return value;
}

/**
 * Checks that `value` is a finite number in (min, max], or in [min, max]
 * when `minInclusive` is set.
 * @throws RangeError naming the option and the valid range.
 */
export function checkNumberInRange(
  name: string,
  value: number,
  min: number,
  max: number,
  minInclusive = false,
): number {
  const aboveMin = minInclusive ? value >= min : value > min;
  if (typeof value !== "number" || !aboveMin || !(value <= max)) {
    const open = minInclusive ? "[" : "(";
    throw new RangeError(
      `${name} must be a number in ${open}${min}, ${max}], got ${value}.`,
    );
  }
  return value;
}

/**
 * Resolves `maxDepth` (null for unlimited) to a depth limit.
 * @throws RangeError unless maxDepth is null or an integer ≥ 1.
 */
export function resolveMaxDepth(maxDepth: number | null): number {
  if (maxDepth === null) return UNLIMITED_DEPTH;
  return checkInteger("maxDepth", maxDepth, 1, UNLIMITED_DEPTH);
}

/**
 * Checks a `maxFeatures` option without the data (see {@link MaxFeatures}).
 * @throws RangeError for anything else.
 */
export function checkMaxFeatures(maxFeatures: MaxFeatures): MaxFeatures {
  if (
    maxFeatures === null ||
    maxFeatures === "sqrt" ||
    maxFeatures === "log2"
  ) {
    return maxFeatures;
  }
  const valid =
    typeof maxFeatures === "number" &&
    ((Number.isInteger(maxFeatures) && maxFeatures >= 1) ||
      (maxFeatures > 0 && maxFeatures < 1));
  if (!valid) {
    throw new RangeError(
      `maxFeatures must be null, "sqrt", "log2", an integer ≥ 1 or a ` +
        `fraction in (0, 1), got ${String(maxFeatures)}.`,
    );
  }
  return maxFeatures;
}

/**
 * Number of features to draw at each split for `nFeatures` columns, as
 * scikit-learn 1.2.1 computes `max_features_`.
 * @throws RangeError if an integer maxFeatures exceeds nFeatures.
 */
export function resolveMaxFeatures(
  maxFeatures: MaxFeatures,
  nFeatures: number,
): number {
  if (maxFeatures === null) return nFeatures;
  if (maxFeatures === "sqrt") {
    return Math.max(1, Math.floor(Math.sqrt(nFeatures)));
  }
  if (maxFeatures === "log2") {
    return Math.max(1, Math.floor(Math.log2(nFeatures)));
  }
  if (Number.isInteger(maxFeatures)) {
    if (maxFeatures > nFeatures) {
      throw new RangeError(
        `maxFeatures is ${maxFeatures} but x has ${nFeatures} features; ` +
          `use a value in [1, ${nFeatures}] or null for all.`,
      );
    }
    return maxFeatures;
  }
  return Math.max(1, Math.floor(maxFeatures * nFeatures));
}

/**
 * Checks `randomState`: null for a fresh seed on every fit, otherwise a
 * seed for numpy's `RandomState`.
 * @throws RangeError unless null or an integer in [0, 2^32 − 1].
 */
export function checkRandomState(randomState: number | null): number | null {
  if (randomState === null) return null;
  return checkInteger("randomState", randomState, 0, 0xffffffff);
}

/**
 * numpy `RandomState` for a fit: seeded with `randomState`, or with a seed
 * from `Math.random` when it is null (scikit-learn's `random_state=None`
 * likewise gives a different model on each fit).
 */
export function createRandomState(randomState: number | null): RandomState {
  const seed = randomState ?? Math.floor(Math.random() * 0x100000000);
  return new RandomState(seed);
}

/** Stopping rules shared by every tree model, as options. */
export interface TreeShapeOptions {
  maxDepth: number | null;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxFeatures: MaxFeatures;
}

/**
 * Checks the shared tree options.
 * @throws RangeError for maxDepth other than null or an integer ≥ 1,
 * minSamplesSplit < 2, minSamplesLeaf < 1, or an invalid maxFeatures.
 */
export function checkTreeShapeOptions(
  options: TreeShapeOptions,
): TreeShapeOptions {
  resolveMaxDepth(options.maxDepth);
  checkInteger("minSamplesSplit", options.minSamplesSplit, 2);
  checkInteger("minSamplesLeaf", options.minSamplesLeaf, 1);
  checkMaxFeatures(options.maxFeatures);
  return options;
}
