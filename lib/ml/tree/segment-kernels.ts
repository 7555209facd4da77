/**
 * Loops over one segment of the splitter's per-feature row arrays. They
 * are module functions, each with a single loop, because V8 compiles
 * these loops slower when they sit inside another loop of the caller.
 */
/**
 * Node sums of rows[from, to) into out: weight, then class-1 and class-0
 * weights for classification, or Σ w·y and Σ w·y² for regression.
 */
export function sumRows(
  rows: Int32Array,
  target: Float64Array,
  weight: Float64Array,
  from: number,
  to: number,
  classification: boolean,
  out: Float64Array,
): void {
  let w = 0;
  let sum = 0;
  let second = 0;
  for (let p = from; p < to; p++) {
    const row = rows[p];
    const rowWeight = weight[row];
    const y = target[row];
    if (classification) {
      const weightOne = rowWeight * y;
      sum += weightOne;
      second += rowWeight - weightOne;
    } else {
      const weightedY = rowWeight * y;
      sum += weightedY;
      second += weightedY * y;
    }
    w += rowWeight;
  }
  out[0] = w;
  out[1] = sum;
  out[2] = second;
}

/**
 * Left weight and Σ w·y reached from the node totals by subtracting
 * rows[from, to) from the last one down, into out[0] and out[1].
 */
export function subtractRowsBackward(
  rows: Int32Array,
  target: Float64Array,
  weight: Float64Array,
  from: number,
  to: number,
  nodeWeight: number,
  nodeSum: number,
  out: Float64Array,
): void {
  let w = nodeWeight;
  let sum = nodeSum;
  for (let p = to - 1; p >= from; p--) {
    const row = rows[p];
    const rowWeight = weight[row];
    sum -= rowWeight * target[row];
    w -= rowWeight;
  }
  out[0] = w;
  out[1] = sum;
}

/**
 * Copies the rows of order[from, to) marked in `included`, and their
 * values, to the front of the same range of index and values. Branch-free:
 * every row is written and the cursor advances only for included ones.
 */
export function keepIncluded(
  order: Int32Array,
  sortedValues: Float32Array,
  index: Int32Array,
  values: Float32Array,
  included: Uint8Array,
  from: number,
  to: number,
): void {
  let position = from;
  for (let k = from; k < to; k++) {
    const row = order[k];
    index[position] = row;
    values[position] = sortedValues[k];
    position += included[row];
  }
}

/**
 * Stable partition of index[from, to) and the matching values: rows with
 * goesLeft 1 first. It is branch-free (each row is written to both
 * destinations and only the matching cursor advances) because a row's
 * direction is unpredictable.
 */
export function partitionSegment(
  index: Int32Array,
  values: Float32Array,
  spareIndex: Int32Array,
  spareValues: Float32Array,
  goesLeft: Uint8Array,
  from: number,
  to: number,
): void {
  let left = from;
  let right = 0;
  for (let p = from; p < to; p++) {
    const row = index[p];
    const value = values[p];
    const isLeft = goesLeft[row];
    index[left] = row;
    values[left] = value;
    spareIndex[right] = row;
    spareValues[right] = value;
    left += isLeft;
    right += 1 - isLeft;
  }
  for (let k = 0; k < right; k++) {
    index[left + k] = spareIndex[k];
    values[left + k] = spareValues[k];
  }
}
