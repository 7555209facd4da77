import type { Matrix } from "../ml/types";

/**
 * Standardizes columns to zero mean and unit variance using the mean and
 * population standard deviation of `fitOn` (the training rows, so no test
 * statistics leak in), like scikit-learn's StandardScaler. A constant
 * column is centred and left unscaled.
 *
 * @returns the standardized copies, in the order given.
 */
export function standardizeColumns(
  fitOn: Matrix,
  ...others: Matrix[]
): Matrix[] {
  const { rows, cols, data } = fitOn;
  const means = new Float64Array(cols);
  const scales = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) means[j] += data[i * cols + j];
  }
  for (let j = 0; j < cols; j++) means[j] /= rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const deviation = data[i * cols + j] - means[j];
      scales[j] += deviation * deviation;
    }
  }
  for (let j = 0; j < cols; j++) {
    const deviation = Math.sqrt(scales[j] / rows);
    scales[j] = deviation > 0 ? deviation : 1;
  }

  return [fitOn, ...others].map((matrix) => {
    const scaled = new Float64Array(matrix.data.length);
    for (let i = 0; i < matrix.rows; i++) {
      for (let j = 0; j < cols; j++) {
        const k = i * cols + j;
        scaled[k] = (matrix.data[k] - means[j]) / scales[j];
      }
    }
    return { rows: matrix.rows, cols, data: scaled };
  });
}
