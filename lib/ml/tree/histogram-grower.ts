import type { BinnedFeatures } from "./binning";
import { midpoint } from "./threshold-scan";
import { isLeafBeforeSearch, NodeStore } from "./node-store";
import { TREE_UNDEFINED, type TreeStructure } from "./tree-structure";

/** Stopping rules of a histogram tree. */
export interface HistogramTreeParams {
  /** Depth limit; the root has depth 0. */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
}

/** Numbers per histogram bin: Σ w, Σ w·y and the row count. */
const BIN_FIELDS = 3;

/**
 * Grows regression trees with the Friedman criterion on binned features:
 * each node sums w and w·y per bin and feature, and candidate splits lie
 * only between bins. A child's histogram is the parent's minus its
 * sibling's, so only the smaller child is summed row by row. Nodes are
 * numbered depth first, left child first, like {@link growTree}; ties go
 * to the lower feature index and the lower bin.
 */
export class HistogramTreeGrower {
  private readonly binned: BinnedFeatures;
  private readonly histogramSize: number;
  private readonly rows: Int32Array;
  private readonly spareRows: Int32Array;
  /** w, w·y and w·y² of row i at 3i, 3i + 1 and 3i + 2. */
  private readonly rowStats: Float64Array;
  /** w and w·y of rows[from + k] at 2k and 2k + 1 while filling a histogram. */
  private readonly gathered: Float64Array;
  private readonly free: Float64Array[] = [];

  constructor(binned: BinnedFeatures) {
    this.binned = binned;
    this.histogramSize = binned.nFeatures * binned.maxBins * BIN_FIELDS;
    this.rows = new Int32Array(binned.nRows);
    this.spareRows = new Int32Array(binned.nRows);
    this.rowStats = new Float64Array(3 * binned.nRows);
    this.gathered = new Float64Array(2 * binned.nRows);
  }

  /**
   * Grows one tree on the rows with non-zero weight and fills leafOfRow
   * for them (−1 for the others). Leaf values are weighted target means.
   */
  grow(
    target: Float64Array,
    weight: Float64Array,
    params: HistogramTreeParams,
    leafOfRow: Int32Array,
  ): TreeStructure {
    const { nRows, nFeatures } = this.binned;
    const { maxDepth, minSamplesLeaf } = params;
    const minSamplesSplit = Math.max(
      params.minSamplesSplit,
      2 * minSamplesLeaf,
    );
    const rows = this.rows;
    const rowStats = this.rowStats;
    leafOfRow.fill(-1);

    let nSamples = 0;
    for (let row = 0; row < nRows; row++) {
      const w = weight[row];
      const weightedTarget = w * target[row];
      rowStats[3 * row] = w;
      rowStats[3 * row + 1] = weightedTarget;
      rowStats[3 * row + 2] = weightedTarget * target[row];
      if (w !== 0) rows[nSamples++] = row;
    }

    const nodes = new NodeStore(1, nFeatures);
    const stack: PendingNode[] = [];
    const rootSums = new Float64Array(3);
    sumRowStats(rows, rowStats, 0, nSamples, rootSums);
    const rootHistogram = this.acquire();
    this.fillHistogram(rootHistogram, 0, nSamples);
    stack.push({
      start: 0,
      end: nSamples,
      depth: 0,
      parent: -1,
      isLeft: false,
      sums: rootSums,
      histogram: rootHistogram,
    });
    const split = { feature: -1, bin: -1, proxy: 0 };

    while (stack.length > 0) {
      const node = stack.pop() as PendingNode;
      const { start, end, depth, sums } = node;
      const nodeWeight = sums[0];
      const impurity = squaredError(sums);
      let isLeaf = isLeafBeforeSearch(
        depth,
        end - start,
        impurity,
        maxDepth,
        minSamplesSplit,
        minSamplesLeaf,
      );
      if (!isLeaf && node.histogram !== null) {
        this.findSplit(
          node.histogram,
          sums,
          end - start,
          minSamplesLeaf,
          split,
        );
        isLeaf = split.feature < 0;
      }

      const threshold = isLeaf
        ? TREE_UNDEFINED
        : this.splitThreshold(
            node.histogram as Float64Array,
            split.feature,
            split.bin,
          );
      const id = nodes.add(
        node.parent,
        node.isLeft,
        isLeaf ? TREE_UNDEFINED : split.feature,
        threshold,
        impurity,
        end - start,
        nodeWeight,
        depth,
      );
      nodes.setValue(id, 0, sums[1] / nodeWeight);

      if (isLeaf) {
        for (let k = start; k < end; k++) leafOfRow[rows[k]] = id;
        if (node.histogram !== null) this.free.push(node.histogram);
        continue;
      }

      const leftSums = new Float64Array(3);
      const rightSums = new Float64Array(3);
      const pos = this.partition(
        start,
        end,
        split.feature,
        split.bin,
        leftSums,
        rightSums,
      );
      const [leftHistogram, rightHistogram] = this.childHistograms(
        node.histogram as Float64Array,
        start,
        pos,
        end,
        depth + 1 >= maxDepth,
      );
      stack.push({
        start: pos,
        end,
        depth: depth + 1,
        parent: id,
        isLeft: false,
        sums: rightSums,
        histogram: rightHistogram,
      });
      stack.push({
        start,
        end: pos,
        depth: depth + 1,
        parent: id,
        isLeft: true,
        sums: leftSums,
        histogram: leftHistogram,
      });
    }
    return nodes.finish();
  }

  /**
   * Best Friedman split over all features and bin boundaries of a node, in
   * `split` (feature −1 when none leaves minSamplesLeaf rows per side).
   */
  private findSplit(
    histogram: Float64Array,
    sums: Float64Array,
    nNodeSamples: number,
    minSamplesLeaf: number,
    split: { feature: number; bin: number; proxy: number },
  ): void {
    const { nFeatures, maxBins, binCounts } = this.binned;
    const nodeWeight = sums[0];
    const nodeSum = sums[1];
    split.feature = -1;
    split.bin = -1;
    split.proxy = -Number.MAX_VALUE;
    for (let f = 0; f < nFeatures; f++) {
      const bin = bestBinBoundary(
        histogram,
        f * maxBins * BIN_FIELDS,
        binCounts[f],
        nodeWeight,
        nodeSum,
        nNodeSamples,
        minSamplesLeaf,
        split.proxy,
      );
      if (bin >= 0) {
        split.feature = f;
        split.bin = bin;
        split.proxy = bestProxy[0];
      }
    }
  }

  /**
   * Threshold halfway between the largest value of the split bin and the
   * smallest value of the node's next non-empty bin, as an exact tree
   * places it between the node's neighbouring values.
   */
  private splitThreshold(
    histogram: Float64Array,
    feature: number,
    bin: number,
  ): number {
    const { maxBins, binCounts, binLower, binUpper } = this.binned;
    const offset = feature * maxBins;
    let next = bin + 1;
    while (
      next < binCounts[feature] - 1 &&
      histogram[(offset + next) * BIN_FIELDS + 2] === 0
    ) {
      next += 1;
    }
    return midpoint(binUpper[offset + bin], binLower[offset + next]);
  }

  /**
   * Stable partition of rows[start, end) into bin ≤ splitBin first, with
   * the regression sums of each side. Returns the first right position.
   */
  private partition(
    start: number,
    end: number,
    feature: number,
    splitBin: number,
    leftSums: Float64Array,
    rightSums: Float64Array,
  ): number {
    const pos = partitionByBin(
      this.rows,
      this.spareRows,
      this.binned.bins,
      feature * this.binned.nRows,
      splitBin,
      start,
      end,
    );
    sumRowStats(this.rows, this.rowStats, start, pos, leftSums);
    sumRowStats(this.rows, this.rowStats, pos, end, rightSums);
    return pos;
  }

  /**
   * Histograms of both children: the smaller child summed row by row, the
   * other as parent minus it (reusing the parent's buffer). Children at the
   * depth limit are never split, so they get none.
   */
  private childHistograms(
    parent: Float64Array,
    start: number,
    pos: number,
    end: number,
    childrenAtDepthLimit: boolean,
  ): [Float64Array | null, Float64Array | null] {
    if (childrenAtDepthLimit) {
      this.free.push(parent);
      return [null, null];
    }
    const leftIsSmaller = pos - start <= end - pos;
    const smaller = this.acquire();
    if (leftIsSmaller) this.fillHistogram(smaller, start, pos);
    else this.fillHistogram(smaller, pos, end);
    for (let k = 0; k < this.histogramSize; k++) parent[k] -= smaller[k];
    return leftIsSmaller ? [smaller, parent] : [parent, smaller];
  }

  private fillHistogram(
    histogram: Float64Array,
    from: number,
    to: number,
  ): void {
    const { nRows, nFeatures, maxBins, bins } = this.binned;
    // Gathering the rows' weights first turns nFeatures random reads per
    // row into one.
    gatherWeights(this.rows, this.rowStats, from, to, this.gathered);
    histogram.fill(0);
    for (let f = 0; f < nFeatures; f++) {
      addToHistogram(
        histogram,
        f * maxBins * BIN_FIELDS,
        bins,
        f * nRows,
        this.rows,
        this.gathered,
        from,
        to,
      );
    }
  }

  private acquire(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.histogramSize);
  }
}

interface PendingNode {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
  /** Σ w, Σ w·y and Σ w·y² of the node's rows. */
  sums: Float64Array;
  /** Per-bin sums, or null when the node is not going to be split. */
  histogram: Float64Array | null;
}

/** Proxy of the boundary returned by the last {@link bestBinBoundary}. */
const bestProxy = new Float64Array(1);

/**
 * Last bin of the left side of the best Friedman split of one feature,
 * (w_R·S_L − w_L·S_R)²/(w_L·w_R), that beats `bestSoFar`; −1 if none.
 * Boundaries after an empty bin repeat the previous partition and are
 * skipped.
 */
function bestBinBoundary(
  histogram: Float64Array,
  offset: number,
  binCount: number,
  nodeWeight: number,
  nodeSum: number,
  nNodeSamples: number,
  minSamplesLeaf: number,
  bestSoFar: number,
): number {
  let best = bestSoFar;
  let bestBin = -1;
  let weightLeft = 0;
  let sumLeft = 0;
  let countLeft = 0;
  for (let bin = 0; bin < binCount - 1; bin++) {
    const field = offset + bin * BIN_FIELDS;
    const count = histogram[field + 2];
    if (count === 0) continue;
    weightLeft += histogram[field];
    sumLeft += histogram[field + 1];
    countLeft += count;
    if (countLeft < minSamplesLeaf) continue;
    if (nNodeSamples - countLeft < minSamplesLeaf) break;

    const weightRight = nodeWeight - weightLeft;
    const sumRight = nodeSum - sumLeft;
    const difference = weightRight * sumLeft - weightLeft * sumRight;
    const proxy = (difference * difference) / (weightLeft * weightRight);
    if (proxy > best) {
      best = proxy;
      bestBin = bin;
    }
  }
  bestProxy[0] = best;
  return bestBin;
}

/** Copies w and w·y of rows[from, to) into gathered, in order from 0. */
function gatherWeights(
  rows: Int32Array,
  rowStats: Float64Array,
  from: number,
  to: number,
  gathered: Float64Array,
): void {
  for (let k = from; k < to; k++) {
    const stats = 3 * rows[k];
    const slot = 2 * (k - from);
    gathered[slot] = rowStats[stats];
    gathered[slot + 1] = rowStats[stats + 1];
  }
}

/**
 * Adds Σ w, Σ w·y and the count of rows[from, to) per bin of one feature,
 * with the rows' w and w·y taken from `gathered`.
 */
function addToHistogram(
  histogram: Float64Array,
  offset: number,
  bins: Uint8Array,
  binBase: number,
  rows: Int32Array,
  gathered: Float64Array,
  from: number,
  to: number,
): void {
  for (let k = from; k < to; k++) {
    const field = offset + bins[binBase + rows[k]] * BIN_FIELDS;
    const slot = 2 * (k - from);
    histogram[field] += gathered[slot];
    histogram[field + 1] += gathered[slot + 1];
    histogram[field + 2] += 1;
  }
}

/**
 * Stable, branch-free partition of rows[start, end) by bin ≤ splitBin.
 * Returns the first position of the right side.
 */
function partitionByBin(
  rows: Int32Array,
  spareRows: Int32Array,
  bins: Uint8Array,
  binBase: number,
  splitBin: number,
  start: number,
  end: number,
): number {
  let left = start;
  let right = 0;
  for (let k = start; k < end; k++) {
    const row = rows[k];
    const isLeft = bins[binBase + row] <= splitBin ? 1 : 0;
    rows[left] = row;
    spareRows[right] = row;
    left += isLeft;
    right += 1 - isLeft;
  }
  for (let k = 0; k < right; k++) rows[left + k] = spareRows[k];
  return left;
}

/** Σ w, Σ w·y and Σ w·y² of rows[from, to) into out. */
function sumRowStats(
  rows: Int32Array,
  rowStats: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
): void {
  let w = 0;
  let sum = 0;
  let second = 0;
  for (let k = from; k < to; k++) {
    const stats = 3 * rows[k];
    w += rowStats[stats];
    sum += rowStats[stats + 1];
    second += rowStats[stats + 2];
  }
  out[0] = w;
  out[1] = sum;
  out[2] = second;
}

/** Weighted variance Σw·y²/Σw − (Σw·y/Σw)² from node sums. */
function squaredError(sums: Float64Array): number {
  const mean = sums[1] / sums[0];
  return sums[2] / sums[0] - mean * mean;
}
