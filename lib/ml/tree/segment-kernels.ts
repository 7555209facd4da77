/**
 * Loops over one segment of the splitter's per-feature row arrays. They
 * are module functions, each with a single loop, because V8 compiles
 * these loops slower when they sit inside another loop of the caller.
 */
/**
 * Sets goesLeft[row] = side for rows[from, to) and writes their regression
 * sums Σ w, Σ w·y and Σ w·y² to out, from the splitter's rowStats (w, w·y,
 * w·y² per row).
 */
export function markAndSumRows(
  rows: Int32Array,
  rowStats: Float64Array,
  goesLeft: Uint8Array,
  side: number,
  from: number,
  to: number,
  out: Float64Array,
): void {
  let w = 0;
  let sum = 0;
  let second = 0;
  for (let p = from; p < to; p++) {
    const row = rows[p];
    goesLeft[row] = side;
    const stats = 3 * row;
    w += rowStats[stats];
    sum += rowStats[stats + 1];
    second += rowStats[stats + 2];
  }
  out[0] = w;
  out[1] = sum;
  out[2] = second;
}

/** Sets goesLeft[row] = side for rows[from, to). */
export function markRows(
  rows: Int32Array,
  goesLeft: Uint8Array,
  side: number,
  from: number,
  to: number,
): void {
  for (let p = from; p < to; p++) goesLeft[rows[p]] = side;
}

/**
 * Left weight and Σ w·y reached from the node totals by subtracting
 * rows[from, to) from the last one down, into out[0] and out[1].
 */
export function subtractRowsBackward(
  rows: Int32Array,
  rowStats: Float64Array,
  from: number,
  to: number,
  nodeWeight: number,
  nodeSum: number,
  out: Float64Array,
): void {
  let w = nodeWeight;
  let sum = nodeSum;
  for (let p = to - 1; p >= from; p--) {
    const stats = 3 * rows[p];
    w -= rowStats[stats];
    sum -= rowStats[stats + 1];
  }
  out[0] = w;
  out[1] = sum;
}

/**
 * Copies the rows of order[from, to) marked in `included` to the front of
 * the same range of index. Branch-free: every row is written and the
 * cursor advances only for included ones.
 */
export function keepIncluded(
  order: Int32Array,
  index: Int32Array,
  included: Uint8Array,
  from: number,
  to: number,
): void {
  let position = from;
  for (let k = from; k < to; k++) {
    const row = order[k];
    index[position] = row;
    position += included[row];
  }
}

/**
 * Stable partition of index[from, to): rows with goesLeft 1 first. It is
 * branch-free (each row is written to both destinations and only the
 * matching cursor advances) because a row's direction is unpredictable.
 */
export function partitionSegment(
  index: Int32Array,
  spareIndex: Int32Array,
  goesLeft: Uint8Array,
  from: number,
  to: number,
): void {
  let left = from;
  let right = 0;
  for (let p = from; p < to; p++) {
    const row = index[p];
    const isLeft = goesLeft[row];
    index[left] = row;
    spareIndex[right] = row;
    left += isLeft;
    right += 1 - isLeft;
  }
  for (let k = 0; k < right; k++) index[left + k] = spareIndex[k];
}
