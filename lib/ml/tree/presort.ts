import type { Matrix } from "../types";

/**
 * Training features in the layout the tree builder scans: float32 values
 * by column, and for each feature the row indices in ascending value order.
 * Sorting once per fit replaces scikit-learn's sort at every node.
 */
export interface PresortedFeatures {
  readonly nRows: number;
  readonly nFeatures: number;
  /** Value of feature f in row i at f·nRows + i, rounded to float32. */
  readonly columns: Float32Array;
  /** Rows of feature f in ascending value order at f·nRows … f·nRows + nRows − 1; equal values keep row order. */
  readonly order: Int32Array;
}

const RADIX_BITS = 11;
const RADIX_SIZE = 1 << RADIX_BITS;
const RADIX_MASK = RADIX_SIZE - 1;

/**
 * Copies a row-major matrix into float32 columns, the precision at which
 * scikit-learn trees compare features (its DTYPE is float32). −0 becomes +0
 * so that sorting by bit pattern agrees with numeric order.
 */
export function toFloat32Columns(x: Matrix): Float32Array {
  const { rows, cols, data } = x;
  const columns = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const rowOffset = i * cols;
    for (let f = 0; f < cols; f++) {
      const value = data[rowOffset + f];
      columns[f * rows + i] = value === 0 ? 0 : value;
    }
  }
  return columns;
}

/** Float32 columns and per-feature ascending row orders of x. */
export function presortFeatures(x: Matrix): PresortedFeatures {
  const nRows = x.rows;
  const nFeatures = x.cols;
  const columns = toFloat32Columns(x);
  const bits = new Uint32Array(columns.buffer);
  const order = new Int32Array(nRows * nFeatures);
  const scratch = new RadixScratch(nRows);

  for (let f = 0; f < nFeatures; f++) {
    argsortFloat32Bits(bits, f * nRows, nRows, order, scratch);
  }
  return { nRows, nFeatures, columns, order };
}

class RadixScratch {
  readonly keys: Uint32Array;
  readonly keysSpare: Uint32Array;
  readonly indexSpare: Int32Array;
  readonly counts = new Int32Array(RADIX_SIZE);

  constructor(n: number) {
    this.keys = new Uint32Array(n);
    this.keysSpare = new Uint32Array(n);
    this.indexSpare = new Int32Array(n);
  }
}

/**
 * Stable argsort of n float32 values (given as raw bits from `offset`) by
 * least-significant-digit radix sort on order-preserving keys: three
 * passes of 11 bits, O(n) time. Writes the indices 0..n−1 to
 * `out[offset … offset + n − 1]`. NaN must not occur.
 */
function argsortFloat32Bits(
  bits: Uint32Array,
  offset: number,
  n: number,
  out: Int32Array,
  scratch: RadixScratch,
): void {
  let keys = scratch.keys;
  let keysSpare = scratch.keysSpare;
  // Flipping makes unsigned order equal float order: negative values
  // invert all bits, non-negative values set the sign bit.
  for (let i = 0; i < n; i++) {
    const b = bits[offset + i];
    keys[i] = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
  }

  let index = out.subarray(offset, offset + n);
  let indexSpare = scratch.indexSpare;
  for (let i = 0; i < n; i++) index[i] = i;

  const counts = scratch.counts;
  let resultInSpare = false;
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i] >>> shift) & RADIX_MASK]++;
    // A pass where every key has the same digit would only copy.
    if (counts[(keys[0] >>> shift) & RADIX_MASK] === n) continue;

    let total = 0;
    for (let d = 0; d < RADIX_SIZE; d++) {
      const count = counts[d];
      counts[d] = total;
      total += count;
    }
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const position = counts[(key >>> shift) & RADIX_MASK]++;
      keysSpare[position] = key;
      indexSpare[position] = index[i];
    }
    [keys, keysSpare] = [keysSpare, keys];
    [index, indexSpare] = [indexSpare, index];
    resultInSpare = !resultInSpare;
  }
  if (resultInSpare) out.set(index, offset);
}
