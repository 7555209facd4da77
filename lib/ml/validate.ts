import type { Labels, Matrix } from "./types";

/**
 * Checks that a matrix has a consistent shape and only finite entries.
 * @throws TypeError if the shape does not match the data length.
 * @throws RangeError if it has no rows (unless allowEmpty) or an entry is
 * NaN or infinite.
 */
export function assertMatrix(x: Matrix, name = "x", allowEmpty = false): void {
  if (
    x === null ||
    typeof x !== "object" ||
    !(x.data instanceof Float64Array) ||
    !Number.isInteger(x.rows) ||
    !Number.isInteger(x.cols) ||
    x.rows < 0 ||
    x.cols < 0 ||
    x.data.length !== x.rows * x.cols
  ) {
    throw new TypeError(
      `${name} must be a Matrix whose Float64Array data has rows × cols entries.`,
    );
  }
  if (!allowEmpty && (x.rows === 0 || x.cols === 0)) {
    throw new RangeError(
      `${name} is empty (${x.rows} rows, ${x.cols} columns); provide at least one row and one column.`,
    );
  }
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / x.cols);
      const col = i - row * x.cols;
      throw new RangeError(
        `${name}[${row}, ${col}] is ${data[i]}; every feature value must be finite.`,
      );
    }
  }
}

/**
 * Checks that labels are a Uint8Array of 0s and 1s of the expected length.
 * @throws TypeError if y is not a Uint8Array.
 * @throws RangeError on a length mismatch or a value other than 0 or 1.
 */
export function assertLabels(y: Labels, length: number, name = "y"): void {
  if (!(y instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array of 0/1 labels.`);
  }
  if (y.length !== length) {
    throw new RangeError(
      `${name} has ${y.length} labels but the data has ${length} rows.`,
    );
  }
  for (let i = 0; i < y.length; i++) {
    if (y[i] > 1) {
      throw new RangeError(`${name}[${i}] is ${y[i]}; labels must be 0 or 1.`);
    }
  }
}

/**
 * Checks that both classes occur, as a classifier fit needs.
 * @throws RangeError if y contains only one class.
 */
export function assertBothClasses(y: Labels, name = "y"): void {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  if (positives === 0 || positives === y.length) {
    throw new RangeError(
      `${name} contains only class ${positives === 0 ? 0 : 1}; fitting needs both classes 0 and 1.`,
    );
  }
}

/**
 * Checks an optional per-row sample weight vector.
 * @throws TypeError if it is not a Float64Array.
 * @throws RangeError on a length mismatch, a negative or non-finite entry,
 * or weights that sum to zero.
 */
export function assertSampleWeight(
  sampleWeight: Float64Array | undefined,
  length: number,
): void {
  if (sampleWeight === undefined) return;
  if (!(sampleWeight instanceof Float64Array)) {
    throw new TypeError("sampleWeight must be a Float64Array.");
  }
  if (sampleWeight.length !== length) {
    throw new RangeError(
      `sampleWeight has ${sampleWeight.length} entries but the data has ${length} rows.`,
    );
  }
  let total = 0;
  for (let i = 0; i < length; i++) {
    const weight = sampleWeight[i];
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(
        `sampleWeight[${i}] is ${weight}; weights must be finite and ≥ 0.`,
      );
    }
    total += weight;
  }
  if (total <= 0) {
    throw new RangeError(
      "sampleWeight sums to 0; give some row a positive weight.",
    );
  }
}

/**
 * Checks a vector of scores or probabilities against a length.
 * @throws TypeError if it is not array-like.
 * @throws RangeError on a length mismatch or a non-finite entry.
 */
export function assertScores(
  scores: ArrayLike<number>,
  length: number,
  name = "scores",
): void {
  if (scores === null || typeof scores !== "object" || !("length" in scores)) {
    throw new TypeError(`${name} must be an array of numbers.`);
  }
  if (scores.length !== length) {
    throw new RangeError(
      `${name} has ${scores.length} entries but there are ${length} labels.`,
    );
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(scores[i])) {
      throw new RangeError(
        `${name}[${i}] is ${scores[i]}; scores must be finite.`,
      );
    }
  }
}

/**
 * Checks that a number lies in a closed or half-open range.
 * @throws RangeError naming the parameter and the valid range.
 */
export function assertInRange(
  name: string,
  value: number,
  min: number,
  max: number,
  options: {
    integer?: boolean;
    minExclusive?: boolean;
    maxExclusive?: boolean;
  } = {},
): void {
  const belowMin = options.minExclusive ? !(value > min) : !(value >= min);
  const aboveMax = options.maxExclusive ? !(value < max) : !(value <= max);
  const notInteger = options.integer === true && !Number.isInteger(value);
  if (typeof value !== "number" || belowMin || aboveMax || notInteger) {
    const left = options.minExclusive ? "(" : "[";
    const right = options.maxExclusive ? ")" : "]";
    const kind = options.integer ? "an integer" : "a number";
    throw new RangeError(
      `${name} must be ${kind} in ${left}${min}, ${max}${right}, got ${value}.`,
    );
  }
}
