import type { Labels, Matrix } from "./types";

/**
 * Wraps row-major data as a Matrix (zeros when data is omitted).
 * @throws RangeError if rows or cols is not a non-negative integer or data
 * does not have rows × cols entries.
 */
export function createMatrix(
  rows: number,
  cols: number,
  data?: Float64Array,
): Matrix {
  for (const [name, value] of [
    ["rows", rows],
    ["cols", cols],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(
        `${name} must be a non-negative integer, got ${value}.`,
      );
    }
  }
  data ??= new Float64Array(rows * cols);
  if (data.length !== rows * cols) {
    throw new RangeError(
      `data has ${data.length} entries but rows × cols is ${rows * cols}.`,
    );
  }
  return { rows, cols, data };
}

/** Builds a matrix from equal-length columns. */
export function matrixFromColumns(columns: ArrayLike<number>[]): Matrix {
  const cols = columns.length;
  const rows = cols === 0 ? 0 : columns[0].length;
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const column = columns[j];
    if (column.length !== rows) {
      throw new RangeError(
        `column ${j} has ${column.length} entries but column 0 has ${rows}.`,
      );
    }
    for (let i = 0; i < rows; i++) data[i * cols + j] = column[i];
  }
  return { rows, cols, data };
}

/** Copies column j into a new array. */
export function getColumn(x: Matrix, j: number): Float64Array {
  if (!Number.isInteger(j) || j < 0 || j >= x.cols) {
    throw new RangeError(
      `column index must be in [0, ${x.cols - 1}], got ${j}.`,
    );
  }
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = x.data[i * x.cols + j];
  return out;
}

/** Copies the given rows, in the given order, into a new matrix. */
export function takeRows(x: Matrix, indices: ArrayLike<number>): Matrix {
  const cols = x.cols;
  const source = x.data;
  const data = new Float64Array(indices.length * cols);
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k];
    if (!(row >= 0 && row < x.rows)) {
      throw new RangeError(
        `row index must be in [0, ${x.rows - 1}], got ${row}.`,
      );
    }
    // A plain loop: subarray() per row allocates and is slower for few columns.
    const from = row * cols;
    const to = k * cols;
    for (let j = 0; j < cols; j++) data[to + j] = source[from + j];
  }
  return { rows: indices.length, cols, data };
}

/** Copies the labels at the given indices. */
export function takeLabels(y: Labels, indices: ArrayLike<number>): Labels {
  const out = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const row = indices[k];
    if (!(row >= 0 && row < y.length)) {
      throw new RangeError(
        `label index must be in [0, ${y.length - 1}], got ${row}.`,
      );
    }
    out[k] = y[row];
  }
  return out;
}

/** Stacks matrices with the same column count, top to bottom. */
export function concatRows(parts: Matrix[]): Matrix {
  if (parts.length === 0)
    return { rows: 0, cols: 0, data: new Float64Array(0) };
  const cols = parts[0].cols;
  let rows = 0;
  for (const part of parts) {
    if (part.cols !== cols) {
      throw new RangeError(
        `cannot stack a ${part.cols}-column matrix under a ${cols}-column one.`,
      );
    }
    rows += part.rows;
  }
  const data = new Float64Array(rows * cols);
  let offset = 0;
  for (const part of parts) {
    data.set(part.data, offset);
    offset += part.data.length;
  }
  return { rows, cols, data };
}

/** Concatenates label vectors. */
export function concatLabels(parts: Labels[]): Labels {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
