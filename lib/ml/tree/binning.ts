import type { PresortedFeatures } from "./presort";
import { FEATURE_THRESHOLD } from "./threshold-scan";

/** Largest bin count, because bins are stored as bytes. */
export const MAX_BINS = 256;

/** Features mapped to at most maxBins ordered bins each. */
export interface BinnedFeatures {
  readonly nRows: number;
  readonly nFeatures: number;
  readonly maxBins: number;
  /** Bin of feature f in row i at f·nRows + i. */
  readonly bins: Uint8Array;
  /** Bins in use for each feature, at least 1. */
  readonly binCounts: Int32Array;
  /** Smallest float32 value of bin b of feature f at f·maxBins + b. */
  readonly binLower: Float64Array;
  /** Largest float32 value of bin b of feature f at f·maxBins + b. */
  readonly binUpper: Float64Array;
}

/**
 * Maps each feature to at most maxBins bins of about equal row counts.
 * Values that the tree splitter treats as tied (within FEATURE_THRESHOLD
 * of their predecessor in float32) always share a bin. A feature with at
 * most maxBins such runs gets one bin per run, so a tree on the bins can
 * choose the same splits as an exact tree. Sample weights are ignored.
 */
export function binFeatures(
  data: PresortedFeatures,
  maxBins: number,
): BinnedFeatures {
  const { nRows, nFeatures, columns, order } = data;
  const bins = new Uint8Array(nRows * nFeatures);
  const binCounts = new Int32Array(nFeatures);
  const binLower = new Float64Array(nFeatures * maxBins);
  const binUpper = new Float64Array(nFeatures * maxBins);

  for (let f = 0; f < nFeatures; f++) {
    const base = f * nRows;
    const nRuns = countRuns(columns, order, base, nRows);
    let bin = 0;
    let previous = columns[base + order[base]];
    binLower[f * maxBins] = previous;
    for (let k = 0; k < nRows; k++) {
      const row = order[base + k];
      const value = columns[base + row];
      const runStarts =
        k > 0 && value > Math.fround(previous + FEATURE_THRESHOLD);
      if (runStarts) {
        // One bin per run when they fit, else the quantile bin of this
        // position, never skipping a bin number.
        const target =
          nRuns <= maxBins ? bin + 1 : Math.floor((k * maxBins) / nRows);
        if (target > bin) {
          binUpper[f * maxBins + bin] = previous;
          bin += 1;
          binLower[f * maxBins + bin] = value;
        }
      }
      bins[base + row] = bin;
      previous = value;
    }
    binUpper[f * maxBins + bin] = previous;
    binCounts[f] = bin + 1;
  }
  return { nRows, nFeatures, maxBins, bins, binCounts, binLower, binUpper };
}

/** Number of runs of tied values in one feature's sorted order. */
function countRuns(
  columns: Float32Array,
  order: Int32Array,
  base: number,
  nRows: number,
): number {
  let runs = 1;
  let previous = columns[base + order[base]];
  for (let k = 1; k < nRows; k++) {
    const value = columns[base + order[base + k]];
    if (value > Math.fround(previous + FEATURE_THRESHOLD)) runs += 1;
    previous = value;
  }
  return runs;
}
