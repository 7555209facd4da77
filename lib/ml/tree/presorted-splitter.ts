import {
  ENTROPY,
  FRIEDMAN_MSE,
  GINI,
  isClassification,
  nodeImpurity,
  type CriterionCode,
} from "./criterion";
import type { PresortedFeatures } from "./presort";
import { RandR } from "./rand-r";
import {
  FEATURE_THRESHOLD,
  scanEntropy,
  scanFriedman,
  scanGini,
  scanResult,
  scanSquaredError,
} from "./threshold-scan";

/**
 * scikit-learn's `BestSplitter` (sklearn/tree/_splitter.pyx, 1.2.1) over
 * presorted features. For every feature it keeps the rows of the tree in
 * one array where each node owns the same segment [start, end), sorted by
 * that feature; a split partitions each segment stably, so no node sorts.
 *
 * Features are drawn in scikit-learn's order: a partial Fisher–Yates
 * shuffle of a `features` array that persists across nodes, driven by
 * {@link RandR}, with features found constant moved to the front and
 * skipped below. Ties in the proxy improvement go to the feature drawn
 * first and, within it, the lowest threshold, as in scikit-learn.
 *
 * One splitter serves many trees on the same data (a forest or a boosting
 * run): {@link PresortedSplitter.startTree} resets it for new targets and
 * weights. Fields named `split*`, `left*` and `right*` hold the result of
 * the last {@link PresortedSplitter.nodeSplit}.
 */
export class PresortedSplitter {
  readonly nRows: number;
  readonly nFeatures: number;
  private readonly columns: Float32Array;
  private readonly order: Int32Array;

  /** Rows of the current tree by feature, stride nRows; see the class note. */
  private readonly index: Int32Array;
  /** Feature value of the row at the same position in `index`. */
  private readonly values: Float32Array;
  private readonly spareIndex: Int32Array;
  private readonly spareValues: Float32Array;
  private readonly goesLeft: Uint8Array;
  private readonly features: Int32Array;
  private readonly constantFeatures: Int32Array;
  private readonly constantForChildren: Uint8Array;

  private criterion: CriterionCode = GINI;
  private maxFeatures = 1;
  private minSamplesLeaf = 1;
  private target: Float64Array = new Float64Array(0);
  private weight: Float64Array = new Float64Array(0);
  private random = new RandR(1);
  /**
   * Best proxy so far. It starts at −MAX_VALUE, not −Infinity as in
   * scikit-learn: every finite proxy beats either, and V8 runs the scan
   * loops several times slower when this value is −Infinity.
   */
  private bestProxy = -Number.MAX_VALUE;

  /** Rows with non-zero weight in the current tree. */
  nSamples = 0;
  /** Sum of all weights, zeros included (`weighted_n_samples`). */
  weightedNSamples = 0;
  rootWeight = 0;
  rootSum = 0;
  rootSecond = 0;

  splitPos = 0;
  splitFeature = 0;
  splitThreshold = 0;
  splitImprovement = 0;
  /** Features known constant below the last split node. */
  nConstantFeatures = 0;
  leftWeight = 0;
  leftSum = 0;
  leftSecond = 0;
  leftImpurity = 0;
  rightWeight = 0;
  rightSum = 0;
  rightSecond = 0;
  rightImpurity = 0;

  constructor(data: PresortedFeatures) {
    this.nRows = data.nRows;
    this.nFeatures = data.nFeatures;
    this.columns = data.columns;
    this.order = data.order;
    const size = data.nRows * data.nFeatures;
    this.index = new Int32Array(size);
    this.values = new Float32Array(size);
    this.spareIndex = new Int32Array(data.nRows);
    this.spareValues = new Float32Array(data.nRows);
    this.goesLeft = new Uint8Array(data.nRows);
    this.features = new Int32Array(data.nFeatures);
    this.constantFeatures = new Int32Array(data.nFeatures);
    this.constantForChildren = new Uint8Array(data.nFeatures);
  }

  /**
   * Prepares a new tree: keeps the rows with non-zero weight (as
   * scikit-learn does), computes the root sums in row order, resets the
   * feature order and seeds the feature draws.
   *
   * @param target class labels 0/1 for classification criteria, real
   * targets for regression criteria, one per row.
   * @param seed scikit-learn's `rand_r_state`, drawn as
   * `random_state.randint(0, RAND_R_MAX)`.
   */
  startTree(
    target: Float64Array,
    weight: Float64Array,
    seed: number,
    criterion: CriterionCode,
    maxFeatures: number,
    minSamplesLeaf: number,
  ): void {
    const nRows = this.nRows;
    this.target = target;
    this.weight = weight;
    this.criterion = criterion;
    this.maxFeatures = maxFeatures;
    this.minSamplesLeaf = minSamplesLeaf;
    this.random = new RandR(seed);

    const classification = isClassification(criterion);
    let nSamples = 0;
    let weightedNSamples = 0;
    let rootWeight = 0;
    let rootSum = 0;
    let rootSecond = 0;
    // goesLeft is free until the first partition: it marks included rows.
    const included = this.goesLeft;
    for (let row = 0; row < nRows; row++) {
      const w = weight[row];
      weightedNSamples += w;
      included[row] = w === 0 ? 0 : 1;
      if (w === 0) continue;
      nSamples += 1;
      const y = target[row];
      if (classification) {
        if (y === 1) rootSum += w;
        else rootSecond += w;
      } else {
        const weightedY = w * y;
        rootSum += weightedY;
        rootSecond += weightedY * y;
      }
      rootWeight += w;
    }
    this.nSamples = nSamples;
    this.weightedNSamples = weightedNSamples;
    this.rootWeight = rootWeight;
    this.rootSum = rootSum;
    this.rootSecond = rootSecond;

    const { columns, order, index, values } = this;
    for (let f = 0; f < this.nFeatures; f++) {
      const base = f * nRows;
      if (nSamples === nRows) {
        index.set(order.subarray(base, base + nRows), base);
        for (let k = 0; k < nRows; k++)
          values[base + k] = columns[base + index[base + k]];
        continue;
      }
      let position = base;
      for (let k = 0; k < nRows; k++) {
        const row = order[base + k];
        index[position] = row;
        values[position] = columns[base + row];
        position += included[row];
      }
    }
    for (let f = 0; f < this.nFeatures; f++) this.features[f] = f;
  }

  /** Rows of the node [start, end) in the segment of `feature`. */
  rowsOf(feature: number, start: number, end: number): Int32Array {
    const base = feature * this.nRows;
    return this.index.subarray(base + start, base + end);
  }

  /**
   * Finds the best split of the node [start, end). Returns false when no
   * split is valid (every drawn feature constant, or min_samples_leaf
   * cannot hold). On success the `split*`, `left*` and `right*` fields
   * describe it; `nConstantFeatures` is updated either way.
   */
  nodeSplit(
    start: number,
    end: number,
    nodeWeight: number,
    nodeSum: number,
    nodeSecond: number,
    impurity: number,
    nKnownConstants: number,
  ): boolean {
    const features = this.features;
    const values = this.values;
    const nRows = this.nRows;

    let fI = this.nFeatures;
    let nVisited = 0;
    let nFound = 0;
    let nDrawn = 0;
    let nTotal = nKnownConstants;
    this.bestProxy = -Number.MAX_VALUE;
    this.splitPos = end;
    this.splitFeature = 0;
    this.splitThreshold = 0;

    while (
      fI > nTotal &&
      (nVisited < this.maxFeatures || nVisited <= nFound + nDrawn)
    ) {
      nVisited += 1;
      let fJ = this.random.randInt(nDrawn, fI - nFound);

      if (fJ < nKnownConstants) {
        const held = features[nDrawn];
        features[nDrawn] = features[fJ];
        features[fJ] = held;
        nDrawn += 1;
        continue;
      }

      fJ += nFound;
      const feature = features[fJ];
      const base = feature * nRows;
      if (
        values[base + end - 1] <=
        Math.fround(values[base + start] + FEATURE_THRESHOLD)
      ) {
        features[fJ] = features[nTotal];
        features[nTotal] = feature;
        nFound += 1;
        nTotal += 1;
        continue;
      }

      fI -= 1;
      features[fJ] = features[fI];
      features[fI] = feature;

      const bestPos = this.scanFeature(
        base,
        start,
        end,
        nodeWeight,
        nodeSum,
        nodeSecond,
      );
      if (bestPos >= 0) this.recordSplit(scanResult[0], feature, base, bestPos);
    }

    // Keep the known constants in their original order for sibling and
    // child nodes, and record the newly found ones after them.
    const constantFeatures = this.constantFeatures;
    for (let k = 0; k < nKnownConstants; k++) features[k] = constantFeatures[k];
    for (let k = nKnownConstants; k < nTotal; k++)
      constantFeatures[k] = features[k];
    this.nConstantFeatures = nTotal;

    if (this.splitPos >= end) return false;
    this.describeChildren(start, end, nodeWeight, impurity);
    return true;
  }

  /** Sums, impurities and improvement of the chosen split's children. */
  private describeChildren(
    start: number,
    end: number,
    nodeWeight: number,
    impurity: number,
  ): void {
    const pos = this.splitPos;
    const rows = this.index;
    const base = this.splitFeature * this.nRows;
    const classification = isClassification(this.criterion);
    const target = this.target;
    const weight = this.weight;

    for (let side = 0; side < 2; side++) {
      const from = side === 0 ? start : pos;
      const to = side === 0 ? pos : end;
      let w = 0;
      let sum = 0;
      let second = 0;
      for (let p = from; p < to; p++) {
        const row = rows[base + p];
        const rowWeight = weight[row];
        const y = target[row];
        if (classification) {
          if (y === 1) sum += rowWeight;
          else second += rowWeight;
        } else {
          const weightedY = rowWeight * y;
          sum += weightedY;
          second += weightedY * y;
        }
        w += rowWeight;
      }
      const childImpurity = nodeImpurity(this.criterion, w, sum, second);
      if (side === 0) {
        this.leftWeight = w;
        this.leftSum = sum;
        this.leftSecond = second;
        this.leftImpurity = childImpurity;
      } else {
        this.rightWeight = w;
        this.rightSum = sum;
        this.rightSecond = second;
        this.rightImpurity = childImpurity;
      }
    }

    this.splitImprovement =
      (nodeWeight / this.weightedNSamples) *
      (impurity -
        (this.rightWeight / nodeWeight) * this.rightImpurity -
        (this.leftWeight / nodeWeight) * this.leftImpurity);
  }

  /** Runs the criterion's threshold scan on one feature's segment. */
  private scanFeature(
    base: number,
    start: number,
    end: number,
    nodeWeight: number,
    nodeSum: number,
    nodeSecond: number,
  ): number {
    const { values, index, target, weight, minSamplesLeaf, bestProxy } = this;
    switch (this.criterion) {
      case GINI:
        return scanGini(
          values,
          index,
          target,
          weight,
          base,
          start,
          end,
          nodeWeight,
          nodeSum,
          nodeSecond,
          minSamplesLeaf,
          bestProxy,
        );
      case ENTROPY:
        return scanEntropy(
          values,
          index,
          target,
          weight,
          base,
          start,
          end,
          nodeWeight,
          nodeSum,
          nodeSecond,
          minSamplesLeaf,
          bestProxy,
        );
      case FRIEDMAN_MSE:
        return scanFriedman(
          values,
          index,
          target,
          weight,
          base,
          start,
          end,
          nodeWeight,
          nodeSum,
          minSamplesLeaf,
          bestProxy,
        );
      default:
        return scanSquaredError(
          values,
          index,
          target,
          weight,
          base,
          start,
          end,
          nodeWeight,
          nodeSum,
          minSamplesLeaf,
          bestProxy,
        );
    }
  }

  /** Keeps a better split, with the threshold halfway between the values around it. */
  private recordSplit(
    proxy: number,
    feature: number,
    base: number,
    pos: number,
  ): void {
    const below = this.values[base + pos - 1];
    const above = this.values[base + pos];
    // Halves are summed so that the midpoint of huge values cannot overflow.
    let threshold = below / 2 + above / 2;
    if (
      threshold === above ||
      threshold === Infinity ||
      threshold === -Infinity
    ) {
      threshold = below;
    }
    this.bestProxy = proxy;
    this.splitPos = pos;
    this.splitFeature = feature;
    this.splitThreshold = threshold;
  }

  /**
   * Partitions the node [start, end) at the last split: rows left of
   * `splitPos` in the split feature's segment go first in every other
   * segment, keeping their sorted order. Features constant in the node are
   * skipped because no descendant scans them.
   */
  partition(start: number, end: number): void {
    const nRows = this.nRows;
    const index = this.index;
    const values = this.values;
    const goesLeft = this.goesLeft;
    const spareIndex = this.spareIndex;
    const spareValues = this.spareValues;
    const splitFeature = this.splitFeature;
    const pos = this.splitPos;

    const splitBase = splitFeature * nRows;
    for (let p = start; p < pos; p++) goesLeft[index[splitBase + p]] = 1;
    for (let p = pos; p < end; p++) goesLeft[index[splitBase + p]] = 0;

    const constant = this.constantForChildren;
    constant.fill(0);
    for (let k = 0; k < this.nConstantFeatures; k++)
      constant[this.features[k]] = 1;

    for (let f = 0; f < this.nFeatures; f++) {
      if (f === splitFeature || constant[f] === 1) continue;
      const base = f * nRows;
      partitionSegment(
        index,
        values,
        spareIndex,
        spareValues,
        goesLeft,
        base + start,
        base + end,
      );
    }
  }
}

/**
 * Stable partition of index[from, to) and the matching values: rows with
 * goesLeft 1 first. It is branch-free (each row is written to both
 * destinations and only the matching cursor advances) because a row's
 * direction is unpredictable, and it is a separate function because V8
 * compiles the loop slower inside the loop over features.
 */
function partitionSegment(
  index: Int32Array,
  values: Float32Array,
  spareIndex: Int32Array,
  spareValues: Float32Array,
  goesLeft: Uint8Array,
  from: number,
  to: number,
): void {
  let left = from;
  let right = 0;
  for (let p = from; p < to; p++) {
    const row = index[p];
    const value = values[p];
    const isLeft = goesLeft[row];
    index[left] = row;
    values[left] = value;
    spareIndex[right] = row;
    spareValues[right] = value;
    left += isLeft;
    right += 1 - isLeft;
  }
  for (let k = 0; k < right; k++) {
    index[left + k] = spareIndex[k];
    values[left + k] = spareValues[k];
  }
}
