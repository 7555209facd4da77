/** Dense row-major matrix of features: entry (i, j) is data[i * cols + j]. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Binary class labels, 0 or 1, one per row. */
export type Labels = Uint8Array;

/** A fitted or unfitted binary classifier with scikit-learn's shape. */
export interface BinaryClassifier {
  fit(x: Matrix, y: Labels, sampleWeight?: Float64Array): this;
  /** Probability of class 1 for every row. */
  predictProba(x: Matrix): Float64Array;
  toJSON(): unknown;
}
