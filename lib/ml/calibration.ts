import { quantileOfSorted } from "./statistics";
import type { Labels } from "./types";
import { assertInRange, assertLabels, assertScores } from "./validate";

/** One non-empty bin of a reliability diagram. */
export interface CalibrationBin {
  /** Bin edges; a probability p falls in the first bin whose upper ≥ p. */
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability of the rows in the bin. */
  meanPredicted: number;
  /** Share of positive labels in the bin. */
  fractionPositive: number;
}

/** Options of {@link calibrationCurve}. */
export interface CalibrationOptions {
  /** Number of bins, default 5 as in scikit-learn. */
  nBins?: number;
  /** Equal-width bins on [0, 1] or bins at the probabilities' quantiles. */
  strategy?: "uniform" | "quantile";
}

/**
 * Reliability-diagram bins as scikit-learn 1.2.1's `calibration_curve`:
 * edges at linspace(0, 1, nBins + 1) (or the probability quantiles), each
 * probability assigned by a left-sided search among the inner edges, empty
 * bins left out.
 * @throws RangeError for empty or mismatched input, a probability outside
 * [0, 1] or nBins not an integer in [1, 10000].
 */
export function calibrationCurve(
  yTrue: Labels,
  probabilities: ArrayLike<number>,
  options: CalibrationOptions = {},
): CalibrationBin[] {
  const nBins = options.nBins ?? 5;
  const strategy = options.strategy ?? "uniform";
  assertInRange("nBins", nBins, 1, 10_000, { integer: true });
  if (strategy !== "uniform" && strategy !== "quantile") {
    throw new RangeError(
      `strategy must be "uniform" or "quantile", got ${String(strategy)}.`,
    );
  }
  assertLabels(yTrue, yTrue.length, "yTrue");
  if (yTrue.length === 0) {
    throw new RangeError("yTrue is empty; calibration needs at least one row.");
  }
  assertScores(probabilities, yTrue.length, "probabilities");
  for (let i = 0; i < probabilities.length; i++) {
    if (probabilities[i] < 0 || probabilities[i] > 1) {
      throw new RangeError(
        `probabilities[${i}] is ${probabilities[i]}; probabilities must be in [0, 1].`,
      );
    }
  }

  const edges = new Float64Array(nBins + 1);
  if (strategy === "uniform") {
    // numpy's linspace: i · step, with the last edge set to the stop value.
    const step = 1 / nBins;
    for (let i = 0; i < nBins; i++) edges[i] = i * step;
    edges[nBins] = 1;
  } else {
    // scikit-learn passes linspace(0, 1, nBins + 1) · 100 to percentile,
    // which divides by 100 again; the round trip can move q by an ulp.
    const sorted = Float64Array.from(probabilities).sort();
    const step = 1 / nBins;
    for (let i = 0; i <= nBins; i++) {
      const q = i === nBins ? 1 : (i * step * 100) / 100;
      edges[i] = quantileOfSorted(sorted, q);
    }
  }

  const sums = new Float64Array(nBins);
  const positives = new Float64Array(nBins);
  const counts = new Float64Array(nBins);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    // Left-sided search over the inner edges edges[1..nBins-1].
    let low = 1;
    let high = nBins;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (edges[middle] < p) low = middle + 1;
      else high = middle;
    }
    const bin = low - 1;
    sums[bin] += p;
    positives[bin] += yTrue[i];
    counts[bin] += 1;
  }

  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (counts[b] === 0) continue;
    bins.push({
      lower: edges[b],
      upper: edges[b + 1],
      count: counts[b],
      meanPredicted: sums[b] / counts[b],
      fractionPositive: positives[b] / counts[b],
    });
  }
  return bins;
}
