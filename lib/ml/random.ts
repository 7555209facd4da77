/**
 * numpy's legacy `RandomState` (numpy 1.24): the MT19937 stream seeded by
 * `init_genrand` and the legacy distribution algorithms, so that a seed
 * gives the same draws as `np.random.seed(seed)` or `RandomState(seed)`.
 *
 * Floating-point results agree with numpy to the last bit or within a few
 * ulps, because V8's `Math.log`, `Math.exp` and `Math.pow` are not glibc's.
 * Integer results (bounded integers, permutations, Poisson counts, choices)
 * are identical unless a uniform lands within those ulps of a threshold.
 */

const STATE_LENGTH = 624;
const SHIFT_SIZE = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_POW_32 = 4294967296;

/** log(2π) as numpy's `random_loggam` writes it. */
const LOG_TWO_PI = 1.8378770664093453;

const LOGGAM_COEFFICIENTS = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4,
  -5.952380952380952e-4, 8.417508417508418e-4, -1.917526917526918e-3,
  6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1,
  -1.3924322169059,
];

/** Serializable state, enough to resume the stream exactly. */
export interface RandomStateSnapshot {
  key: number[];
  pos: number;
  hasGauss: boolean;
  gauss: number;
}

/** Options of {@link RandomState.choice}. */
export interface ChoiceOptions {
  /** Probabilities of the n items; they must be finite, ≥ 0 and sum to 1. */
  p?: ArrayLike<number>;
  /** Draw with replacement (numpy's default `true`). */
  replace?: boolean;
}

/**
 * Log-gamma as numpy's `random_loggam` computes it (the series from Zhang
 * and Jin, "Computation of Special Functions", 1996), used by Poisson PTRS.
 */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;

  const shift = x < 7 ? Math.trunc(7 - x) : 0;
  let x0 = x + shift;
  const inverseSquare = (1 / x0) * (1 / x0);
  let series = LOGGAM_COEFFICIENTS[9];
  for (let k = 8; k >= 0; k--) {
    series *= inverseSquare;
    series += LOGGAM_COEFFICIENTS[k];
  }
  let result = series / x0 + 0.5 * LOG_TWO_PI + (x0 - 0.5) * Math.log(x0) - x0;
  for (let k = 1; k <= shift; k++) {
    result -= Math.log(x0 - 1);
    x0 -= 1;
  }
  return result;
}

function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${value}.`);
  }
}

function requireScale(scale: number): void {
  if (!(scale >= 0) || !Number.isFinite(scale)) {
    throw new RangeError(`scale must be a finite number ≥ 0, got ${scale}.`);
  }
}

function requireBetaParameters(a: number, b: number): void {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(
      `a and b must be finite numbers > 0, got a=${a}, b=${b}.`,
    );
  }
}

function requireSize(size: number): void {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`size must be a non-negative integer, got ${size}.`);
  }
}

/** Smallest all-ones bit mask ≥ max, for 1 ≤ max < 2^53. */
function boundMask(max: number): number {
  if (max <= 0xffffffff) return 0xffffffff >>> Math.clz32(max);
  let mask = 0xffffffff;
  while (mask < max) mask = mask * 2 + 1;
  return mask;
}

/**
 * Mersenne Twister MT19937 with numpy's legacy distributions.
 *
 * Reference: numpy 1.24 `numpy.random.RandomState` (mtrand.pyx,
 * legacy-distributions.c, distributions.c, mt19937.c).
 */
export class RandomState {
  private readonly key = new Uint32Array(STATE_LENGTH);
  private pos = STATE_LENGTH;
  private hasGauss = false;
  private gauss = 0;

  /**
   * Seeds like `np.random.seed(seed)` with an integer seed.
   * @throws RangeError unless seed is an integer in [0, 2^32 − 1].
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(
        `seed must be an integer in [0, 4294967295], got ${seed}.`,
      );
    }
    let value = seed >>> 0;
    for (let i = 0; i < STATE_LENGTH; i++) {
      this.key[i] = value;
      // 32-bit multiply: plain `*` would round the 62-bit product.
      value = (Math.imul(1812433253, value ^ (value >>> 30)) + i + 1) >>> 0;
    }
  }

  /** Restores a generator from {@link RandomState.getState}. */
  static fromState(snapshot: RandomStateSnapshot): RandomState {
    if (
      !Array.isArray(snapshot.key) ||
      snapshot.key.length !== STATE_LENGTH ||
      !Number.isInteger(snapshot.pos) ||
      snapshot.pos < 0 ||
      snapshot.pos > STATE_LENGTH
    ) {
      throw new TypeError(
        `snapshot must have key (624 words) and pos in [0, 624].`,
      );
    }
    const state = new RandomState(0);
    state.key.set(snapshot.key);
    state.pos = snapshot.pos;
    state.hasGauss = Boolean(snapshot.hasGauss);
    state.gauss = snapshot.hasGauss ? Number(snapshot.gauss) : 0;
    return state;
  }

  /** Returns a copy of the state (key, position and cached Gaussian). */
  getState(): RandomStateSnapshot {
    return {
      key: Array.from(this.key),
      pos: this.pos,
      hasGauss: this.hasGauss,
      gauss: this.gauss,
    };
  }

  private regenerate(): void {
    const key = this.key;
    let i = 0;
    let y: number;
    for (; i < STATE_LENGTH - SHIFT_SIZE; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + SHIFT_SIZE] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < STATE_LENGTH - 1; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] =
        key[i + SHIFT_SIZE - STATE_LENGTH] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (key[STATE_LENGTH - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[STATE_LENGTH - 1] =
      key[SHIFT_SIZE - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** Next raw 32-bit word of the stream, as an unsigned integer. */
  nextUint32(): number {
    if (this.pos === STATE_LENGTH) this.regenerate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Uniform double in [0, 1) from 53 random bits (`random_sample`). */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `size` uniform doubles in [0, 1), like `np.random.random(size)`. */
  random(size: number): Float64Array {
    requireSize(size);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.randomSample();
    return out;
  }

  /**
   * Uniform double in [low, high): `low + (high − low)·U`.
   * @throws RangeError if a bound is not finite.
   */
  uniform(low = 0, high = 1): number {
    requireFinite("low", low);
    requireFinite("high", high);
    return low + (high - low) * this.randomSample();
  }

  /**
   * Standard normal by the polar method. Each accepted pair yields two
   * values: one is returned and the other cached for the next Gaussian
   * draw, including those made inside gamma and beta.
   */
  standardNormal(): number {
    if (this.hasGauss) {
      const cached = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomSample() - 1;
      x2 = 2 * this.randomSample() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const factor = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = factor * x1;
    this.hasGauss = true;
    return factor * x2;
  }

  /**
   * Normal draw `loc + scale·Z`.
   * @throws RangeError if scale < 0 or a parameter is not finite.
   */
  normal(loc = 0, scale = 1): number {
    requireFinite("loc", loc);
    requireScale(scale);
    return loc + scale * this.standardNormal();
  }

  /** `size` normal draws, like `np.random.normal(loc, scale, size)`. */
  normalArray(loc: number, scale: number, size: number): Float64Array {
    requireSize(size);
    requireFinite("loc", loc);
    requireScale(scale);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = loc + scale * this.standardNormal();
    return out;
  }

  private standardExponential(): number {
    return -Math.log(1 - this.randomSample());
  }

  /**
   * Exponential draw with mean `scale`: `scale·(−log(1 − U))`.
   * @throws RangeError if scale < 0 or not finite.
   */
  exponential(scale = 1): number {
    requireScale(scale);
    return scale * this.standardExponential();
  }

  /** `size` exponential draws, like `np.random.exponential(scale, size)`. */
  exponentialArray(scale: number, size: number): Float64Array {
    requireSize(size);
    requireScale(scale);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = scale * this.standardExponential();
    return out;
  }

  /**
   * Gamma draw with unit scale: Marsaglia–Tsang for shape > 1, the
   * exponential for shape 1 and numpy's power-transform rejection below 1.
   * @throws RangeError if shape < 0 or not finite.
   */
  standardGamma(shape: number): number {
    requireFinite("shape", shape);
    if (shape < 0) {
      throw new RangeError(`shape must be ≥ 0, got ${shape}.`);
    }
    return this.standardGammaUnchecked(shape);
  }

  private standardGammaUnchecked(shape: number): number {
    if (shape === 1) return this.standardExponential();
    if (shape === 0) return 0;

    if (shape < 1) {
      for (;;) {
        const u = this.randomSample();
        const v = this.standardExponential();
        if (u <= 1 - shape) {
          const x = Math.pow(u, 1 / shape);
          if (x <= v) return x;
        } else {
          const y = -Math.log((1 - u) / shape);
          const x = Math.pow(1 - shape + shape * y, 1 / shape);
          if (x <= v + y) return x;
        }
      }
    }

    const b = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * b);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.standardNormal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.randomSample();
      // Squeeze first: it accepts most draws without a log.
      if (u < 1 - 0.0331 * (x * x) * (x * x)) return b * v;
      if (Math.log(u) < 0.5 * x * x + b * (1 - v + Math.log(v))) {
        return b * v;
      }
    }
  }

  /**
   * Gamma draw `scale·G(shape)`.
   * @throws RangeError if shape < 0 or scale < 0.
   */
  gamma(shape: number, scale = 1): number {
    requireScale(scale);
    return scale * this.standardGamma(shape);
  }

  /**
   * Beta draw: Jöhnk's method when both parameters are ≤ 1, otherwise
   * `Ga/(Ga + Gb)` with Ga drawn first.
   * @throws RangeError unless a > 0 and b > 0.
   */
  beta(a: number, b: number): number {
    requireBetaParameters(a, b);
    return this.betaUnchecked(a, b);
  }

  private betaUnchecked(a: number, b: number): number {
    if (a <= 1 && b <= 1) {
      for (;;) {
        const u = this.randomSample();
        const v = this.randomSample();
        const x = Math.pow(u, 1 / a);
        const y = Math.pow(v, 1 / b);
        if (x + y <= 1) {
          if (x + y > 0) return x / (x + y);
          // Both powers underflowed: finish the ratio in log space.
          let logX = Math.log(u) / a;
          let logY = Math.log(v) / b;
          const logMax = logX > logY ? logX : logY;
          logX -= logMax;
          logY -= logMax;
          return Math.exp(logX - Math.log(Math.exp(logX) + Math.exp(logY)));
        }
      }
    }
    const ga = this.standardGammaUnchecked(a);
    const gb = this.standardGammaUnchecked(b);
    return ga / (ga + gb);
  }

  /** `size` beta draws, like `np.random.beta(a, b, size)`. */
  betaArray(a: number, b: number, size: number): Float64Array {
    requireSize(size);
    requireBetaParameters(a, b);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.betaUnchecked(a, b);
    return out;
  }

  /**
   * Poisson count: the multiplication method for lam < 10 and Hörmann's
   * PTRS (transformed rejection with squeeze) for lam ≥ 10.
   * @throws RangeError unless 0 ≤ lam < 2^52 (numpy's bound is about 9.2e18
   * but counts above 2^53 do not fit a double exactly).
   */
  poisson(lam = 1): number {
    if (!(lam >= 0) || !(lam < 2 ** 52)) {
      throw new RangeError(`lam must be in [0, 2^52), got ${lam}.`);
    }
    if (lam >= 10) return this.poissonPtrs(lam);
    if (lam === 0) return 0;

    const limit = Math.exp(-lam);
    let count = 0;
    let product = 1;
    for (;;) {
      product *= this.randomSample();
      if (product > limit) count += 1;
      else return count;
    }
  }

  private poissonPtrs(lam: number): number {
    const sqrtLam = Math.sqrt(lam);
    const logLam = Math.log(lam);
    const b = 0.931 + 2.53 * sqrtLam;
    const a = -0.059 + 0.02483 * b;
    const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);

    for (;;) {
      const u = this.randomSample() - 0.5;
      const v = this.randomSample();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <=
        -lam + k * logLam - logGamma(k + 1)
      ) {
        return k;
      }
    }
  }

  /** `size` Poisson counts, like `np.random.poisson(lam, size)`. */
  poissonArray(lam: number, size: number): Int32Array {
    requireSize(size);
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = this.poisson(lam);
    return out;
  }

  /**
   * Uniform integer in [0, maxInclusive] by masked rejection: draw words,
   * keep the bits under the smallest all-ones mask ≥ max, retry while the
   * value exceeds max (numpy's `random_interval` and the legacy masked
   * bounded integers). Ranges above 2^32 − 1 take two words per attempt.
   * @throws RangeError unless maxInclusive is an integer in [0, 2^53 − 1].
   */
  randomInteger(maxInclusive: number): number {
    if (!Number.isSafeInteger(maxInclusive) || maxInclusive < 0) {
      throw new RangeError(
        `maxInclusive must be an integer in [0, 2^53 - 1], got ${maxInclusive}.`,
      );
    }
    if (maxInclusive === 0) return 0;

    if (maxInclusive <= 0xffffffff) {
      if (maxInclusive === 0xffffffff) return this.nextUint32();
      const mask = boundMask(maxInclusive);
      let value: number;
      do {
        value = (this.nextUint32() & mask) >>> 0;
      } while (value > maxInclusive);
      return value;
    }

    // 64-bit path: the high word comes first and the mask keeps < 2^53.
    const highMask = Math.floor(boundMask(maxInclusive) / TWO_POW_32);
    let value: number;
    do {
      const high = (this.nextUint32() & highMask) >>> 0;
      const low = this.nextUint32();
      value = high * TWO_POW_32 + low;
    } while (value > maxInclusive);
    return value;
  }

  /**
   * Uniform integers in [low, high), like the legacy `randint(low, high,
   * size)` with the default int64 dtype.
   * @throws RangeError unless low < high are safe integers.
   */
  randint(low: number, high: number, size: number): Float64Array;
  randint(low: number, high: number): number;
  randint(low: number, high: number, size?: number): number | Float64Array {
    if (
      !Number.isSafeInteger(low) ||
      !Number.isSafeInteger(high) ||
      low >= high
    ) {
      throw new RangeError(
        `randint needs integers low < high, got low=${low}, high=${high}.`,
      );
    }
    const range = high - 1 - low;
    if (size === undefined) return low + this.randomInteger(range);

    requireSize(size);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = low + this.randomInteger(range);
    return out;
  }

  /**
   * Shuffles in place by Fisher–Yates from the last position down, the
   * swap partner drawn by {@link RandomState.randomInteger}, like the
   * legacy `shuffle` of a one-dimensional array.
   */
  shuffle<T extends { length: number; [index: number]: unknown }>(
    values: T,
  ): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.randomInteger(i);
      const swapped = values[i];
      values[i] = values[j];
      values[j] = swapped;
    }
    return values;
  }

  /**
   * Draws a random permutation of 0..n−1, like `permutation(n)`.
   * @throws RangeError unless n is an integer in [0, 2^31 − 1].
   */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new RangeError(
        `n must be an integer in [0, 2147483647], got ${n}.`,
      );
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /**
   * Draws `size` indices from 0..n−1, like the legacy `choice(n, size,
   * replace, p)`. With p: the cumulative sum normalised by its last value,
   * one uniform per item and a right-sided search. Without p and with
   * replacement: `randint(0, n, size)`. Without replacement and without
   * p: the first `size` entries of `permutation(n)`.
   * @throws RangeError for n < 1, a bad size, or p that is not a
   * probability vector of length n.
   */
  choice(n: number, size: number, options: ChoiceOptions = {}): Int32Array {
    if (!Number.isInteger(n) || n < 1 || n > 0x7fffffff) {
      throw new RangeError(
        `n must be an integer in [1, 2147483647], got ${n}.`,
      );
    }
    requireSize(size);
    const replace = options.replace ?? true;
    const p = options.p;
    if (p !== undefined) validateProbabilities(p, n);

    if (!replace && size > n) {
      throw new RangeError(
        `size ${size} exceeds the population ${n} without replacement.`,
      );
    }

    if (replace) {
      if (p === undefined) {
        const out = new Int32Array(size);
        for (let i = 0; i < size; i++) out[i] = this.randomInteger(n - 1);
        return out;
      }
      const cdf = cumulativeDistribution(p);
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) {
        out[i] = searchRight(cdf, this.randomSample());
      }
      return out;
    }

    if (p === undefined) return this.permutation(n).slice(0, size);
    return this.choiceWeightedWithoutReplacement(p, size);
  }

  private choiceWeightedWithoutReplacement(
    p: ArrayLike<number>,
    size: number,
  ): Int32Array {
    let positive = 0;
    for (let i = 0; i < p.length; i++) if (p[i] > 0) positive += 1;
    if (positive < size) {
      throw new RangeError(
        `p has ${positive} non-zero entries, fewer than size ${size}.`,
      );
    }

    // numpy repeats rounds: draw the missing count, zero the found items,
    // keep new distinct indices in order of first appearance.
    const weights = Float64Array.from(p);
    const found = new Int32Array(size);
    const seen = new Uint8Array(p.length);
    let count = 0;
    while (count < size) {
      const uniforms = this.random(size - count);
      for (let i = 0; i < count; i++) weights[found[i]] = 0;
      const cdf = cumulativeDistribution(weights);
      const fresh = new Uint8Array(p.length);
      const roundIndices: number[] = [];
      for (let i = 0; i < uniforms.length; i++) {
        const index = searchRight(cdf, uniforms[i]);
        if (fresh[index] === 0) {
          fresh[index] = 1;
          roundIndices.push(index);
        }
      }
      for (const index of roundIndices) {
        if (seen[index] === 0 && count < size) {
          seen[index] = 1;
          found[count++] = index;
        }
      }
    }
    return found;
  }
}

function validateProbabilities(p: ArrayLike<number>, n: number): void {
  if (p.length !== n) {
    throw new RangeError(`p must have length ${n}, got ${p.length}.`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(p[i]) || p[i] < 0) {
      throw new RangeError(`p[${i}] must be finite and ≥ 0, got ${p[i]}.`);
    }
    total += p[i];
  }
  // numpy's tolerance: sqrt of the double epsilon.
  if (Math.abs(total - 1) > Math.sqrt(Number.EPSILON)) {
    throw new RangeError(`p must sum to 1, got ${total}.`);
  }
}

/** Sequential cumulative sum divided by its last entry, as numpy does. */
function cumulativeDistribution(p: ArrayLike<number>): Float64Array {
  const cdf = new Float64Array(p.length);
  let running = 0;
  for (let i = 0; i < p.length; i++) {
    running += p[i];
    cdf[i] = running;
  }
  const last = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= last;
  return cdf;
}

/** Index of the first entry greater than value (`searchsorted` right). */
function searchRight(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
