import type { Labels, Matrix } from "../types";

/** Largest finite float32; larger values overflow when trees cast to float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Checks a feature matrix for fitting or prediction: a Float64Array of
 * rows × cols finite values, each within float32 range because the trees
 * compare float32 copies of the features as scikit-learn does.
 * @throws TypeError if x is not a Matrix with a Float64Array.
 * @throws RangeError for no rows or columns, a length mismatch, a NaN or
 * infinite value, a value beyond ±3.4e38, or the wrong column count.
 */
export function checkFeatureMatrix(
  x: Matrix,
  expectedCols?: number,
  name = "x",
): void {
  if (
    x === null ||
    typeof x !== "object" ||
    !(x.data instanceof Float64Array)
  ) {
    throw new TypeError(
      `${name} must be a Matrix { rows, cols, data: Float64Array }.`,
    );
  }
  const { rows, cols, data } = x;
  if (!Number.isInteger(rows) || rows < 1) {
    throw new RangeError(
      `${name}.rows must be an integer ≥ 1, got ${rows}; pass at least one row.`,
    );
  }
  if (!Number.isInteger(cols) || cols < 1) {
    throw new RangeError(
      `${name}.cols must be an integer ≥ 1, got ${cols}; pass at least one feature.`,
    );
  }
  if (data.length !== rows * cols) {
    throw new RangeError(
      `${name}.data has length ${data.length}, expected rows × cols = ${rows * cols}.`,
    );
  }
  if (expectedCols !== undefined && cols !== expectedCols) {
    throw new RangeError(
      `${name} has ${cols} features but the model was fitted with ${expectedCols}.`,
    );
  }
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (!(value >= -FLOAT32_MAX && value <= FLOAT32_MAX)) {
      const row = Math.floor(i / cols);
      throw new RangeError(
        `${name}[${row}, ${i - row * cols}] is ${value}; features must be ` +
          `finite and within ±3.4e38 (impute or drop NaN and Infinity first).`,
      );
    }
  }
}

/**
 * Checks binary labels against the row count and requires both classes
 * among the rows with positive weight.
 * @throws TypeError if y is not a Uint8Array.
 * @throws RangeError for a length mismatch, a label other than 0 or 1, or a
 * single class.
 */
export function checkBinaryLabels(
  y: Labels,
  rows: number,
  sampleWeight?: Float64Array,
): void {
  if (!(y instanceof Uint8Array)) {
    throw new TypeError("y must be a Uint8Array of 0/1 labels.");
  }
  if (y.length !== rows) {
    throw new RangeError(
      `y has length ${y.length} but x has ${rows} rows; pass one label per row.`,
    );
  }
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < rows; i++) {
    const label = y[i];
    if (label > 1) {
      throw new RangeError(`y[${i}] is ${label}; labels must be 0 or 1.`);
    }
    if (sampleWeight !== undefined && sampleWeight[i] === 0) continue;
    if (label === 1) positives += 1;
    else negatives += 1;
  }
  if (positives === 0 || negatives === 0) {
    throw new RangeError(
      `y contains only class ${positives === 0 ? 0 : 1} among rows with ` +
        `positive weight; a binary classifier needs both classes.`,
    );
  }
}

/**
 * Checks sample weights: one finite, non-negative weight per row and a
 * positive total.
 * @throws TypeError if sampleWeight is not a Float64Array.
 * @throws RangeError for a length mismatch, a negative or non-finite
 * weight, or weights that are all 0.
 */
export function checkSampleWeight(
  sampleWeight: Float64Array,
  rows: number,
): void {
  if (!(sampleWeight instanceof Float64Array)) {
    throw new TypeError("sampleWeight must be a Float64Array.");
  }
  if (sampleWeight.length !== rows) {
    throw new RangeError(
      `sampleWeight has length ${sampleWeight.length} but x has ${rows} rows.`,
    );
  }
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const weight = sampleWeight[i];
    if (!(weight >= 0) || weight === Infinity) {
      throw new RangeError(
        `sampleWeight[${i}] is ${weight}; weights must be finite and ≥ 0.`,
      );
    }
    total += weight;
  }
  if (!(total > 0)) {
    throw new RangeError(
      "sampleWeight sums to 0; at least one weight must be > 0.",
    );
  }
}

/**
 * Checks x, y and the optional weights of a fit call together.
 * @throws TypeError or RangeError as the individual checks do.
 */
export function checkFitInput(
  x: Matrix,
  y: Labels,
  sampleWeight?: Float64Array,
): void {
  checkFeatureMatrix(x);
  if (sampleWeight !== undefined) checkSampleWeight(sampleWeight, x.rows);
  checkBinaryLabels(y, x.rows, sampleWeight);
}
