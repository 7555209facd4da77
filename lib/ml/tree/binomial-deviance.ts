import type { RandomState } from "../random";

/** float32 machine epsilon, the clip scikit-learn applies to the prior. */
const FLOAT32_EPSILON = 1.1920928955078125e-7;

/** Logistic sigmoid 1 / (1 + e^(−x)), as scipy's `expit`. */
export function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** log(1 + e^x) without overflow, as numpy's `logaddexp(0, x)`. */
export function logOnePlusExp(x: number): number {
  if (x === 0) return Math.LN2;
  if (x < 0) return Math.log1p(Math.exp(x));
  return x + Math.log1p(Math.exp(-x));
}

/**
 * Log-odds of the weighted class-1 share, clipped to [ε, 1 − ε] with ε the
 * float32 epsilon: the starting raw score of scikit-learn's binomial
 * deviance with its "prior" init estimator.
 */
export function priorLogOdds(
  target: Float64Array,
  weight: Float64Array,
): number {
  let class0 = 0;
  let class1 = 0;
  for (let i = 0; i < target.length; i++) {
    if (target[i] === 1) class1 += weight[i];
    else class0 += weight[i];
  }
  let probability = class1 / (class0 + class1);
  probability = Math.min(
    Math.max(probability, FLOAT32_EPSILON),
    1 - FLOAT32_EPSILON,
  );
  return Math.log(probability / (1 - probability));
}

/**
 * Binomial deviance −2/Σw · Σ w·(y·raw − log(1 + e^raw)) over the rows where
 * `mask` is 1 (all rows when mask is null); 0 when no weight is selected.
 */
export function binomialDeviance(
  target: Float64Array,
  raw: Float64Array,
  weight: Float64Array,
  mask: Uint8Array | null,
): number {
  let weightSum = 0;
  let total = 0;
  for (let i = 0; i < target.length; i++) {
    if (mask !== null && mask[i] === 0) continue;
    weightSum += weight[i];
    total += weight[i] * (target[i] * raw[i] - logOnePlusExp(raw[i]));
  }
  return weightSum === 0 ? 0 : (-2 / weightSum) * total;
}

/**
 * Marks exactly `nInBag` of n rows as in-bag, 1 in `mask`: row i is taken
 * when u_i·(n − i) < nInBag − (rows taken so far), one uniform u_i per row
 * (scikit-learn's `_random_sample_mask`).
 */
export function randomSampleMask(
  n: number,
  nInBag: number,
  random: RandomState,
  mask: Uint8Array,
): void {
  let nBagged = 0;
  for (let i = 0; i < n; i++) {
    const u = random.randomSample();
    if (u * (n - i) < nInBag - nBagged) {
      mask[i] = 1;
      nBagged += 1;
    } else {
      mask[i] = 0;
    }
  }
}
