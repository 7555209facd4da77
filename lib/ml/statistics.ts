import { assertInRange } from "./validate";

/**
 * Interpolates like numpy's `_lerp`: `a + (b − a)·t`, but computed from b
 * when t ≥ 0.5, so the result stays exact at both ends.
 */
function lerp(a: number, b: number, t: number): number {
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/**
 * Quantile with linear interpolation, as `numpy.quantile(values, q)` (and
 * pandas' `Series.quantile`) computes it in numpy 1.24: virtual index
 * (n − 1)·q between the sorted neighbours at floor and floor + 1.
 * @throws RangeError for empty input, a non-finite value or q outside
 * [0, 1].
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  assertInRange("q", q, 0, 1);
  const n = values.length;
  if (n === 0) {
    throw new RangeError(
      "quantile of an empty array is undefined; pass at least one value.",
    );
  }
  const sorted = Float64Array.from(values);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i])) {
      throw new RangeError(
        `value ${i} is ${sorted[i]}; quantile needs finite values.`,
      );
    }
  }
  sorted.sort();
  return quantileOfSorted(sorted, q);
}

/** {@link quantile} for values already sorted ascending. */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtualIndex = (n - 1) * q;
  if (virtualIndex >= n - 1) return sorted[n - 1];
  if (virtualIndex <= 0) return sorted[0];
  const previous = Math.floor(virtualIndex);
  const gamma = virtualIndex - previous;
  return lerp(sorted[previous], sorted[previous + 1], gamma);
}

/** Arithmetic mean; NaN for an empty array. */
export function mean(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total / values.length;
}
