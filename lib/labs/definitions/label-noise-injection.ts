import type { RandomState } from "../../ml/random";
import type { Labels } from "../../ml/types";

/**
 * Computes each row's percentile rank: the share of rows with a lower
 * value, in [0, 1). Tied rows share the rank of the first of them.
 */
export function percentileRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => values[a] - values[b] || a - b,
  );
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && values[order[end + 1]] === values[order[start]])
      end++;
    for (let k = start; k <= end; k++) ranks[order[k]] = start / n;
    start = end + 1;
  }
  return ranks;
}

/**
 * Applies noise to clean labels with draws from `random`. First the
 * feedback loop: a negative turns positive with probability feedbackRate
 * × the row's popularity percentile, as when items that yesterday's model
 * ranked high collect clicks for their position. Then uniform flips: each
 * label flips with probability flipRate. Every call takes two uniform
 * draws per row whatever the rates.
 */
export function injectLabelNoise(
  clean: Labels,
  popularityPercentile: Float64Array,
  options: { flipRate: number; feedbackRate: number },
  random: RandomState,
): Labels {
  const feedbackDraws = random.random(clean.length);
  const flipDraws = random.random(clean.length);
  const noisy = new Uint8Array(clean.length);
  for (let i = 0; i < clean.length; i++) {
    let label = clean[i];
    if (
      label === 0 &&
      feedbackDraws[i] < options.feedbackRate * popularityPercentile[i]
    ) {
      label = 1;
    }
    if (flipDraws[i] < options.flipRate) label = 1 - label;
    noisy[i] = label;
  }
  return noisy;
}

/** Share of positions where two label vectors differ. */
export function disagreementRate(a: Labels, b: Labels): number {
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
  return a.length === 0 ? 0 : differ / a.length;
}
