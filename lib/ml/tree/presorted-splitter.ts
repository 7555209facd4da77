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
  midpoint,
  scanEntropy,
  scanFriedman,
  scanGini,
  scanResult,
  scanSquaredError,
} from "./threshold-scan";
import {
  keepIncluded,
  markAndSumRows,
  markRows,
  partitionSegment,
  subtractRowsBackward,
} from "./segment-kernels";

/**
 * scikit-learn's `BestSplitter` (sklearn/tree/_splitter.pyx, 1.2.1) over
 * presorted features. For every feature it keeps the rows of the tree in
 * one array, sorted by that feature, in which each node owns the same
 * segment [start, end). A split partitions each segment stably, so no node
 * needs a sort.
 *
 * Features are drawn in scikit-learn's order: a partial Fisher–Yates
 * shuffle of a `features` array that persists across nodes, driven by
 * {@link RandR}, with features found constant moved to the front and
 * skipped below. Ties in the proxy improvement go to the feature drawn
 * first and, within it, the lowest threshold, as in scikit-learn.
 *
 * NOTE: With real-valued sums (regression targets or fractional weights)
 * the rounding of a proxy depends on the order of additions. scikit-learn
 * adds rows in the order its unstable sort and partition leave them, this
 * splitter in sorted-value order with ties in row order, so splits whose
 * proxies are equal up to rounding may be chosen differently. Integer
 * weights with 0/1 labels sum exactly, so classification trees without
 * fractional weights match.
 *
 * One splitter serves many trees on the same data (a forest or a boosting
 * run): {@link PresortedSplitter.startTree} resets it for new targets and
 * weights. Fields named `split*`, `left*` and `right*` contain the result of
 * the last {@link PresortedSplitter.nodeSplit}.
 */
export class PresortedSplitter {
  readonly nRows: number;
  readonly nFeatures: number;
  private readonly order: Int32Array;
  /** Float32 feature values, column-major (see {@link PresortedFeatures}). */
  private readonly columns: Float32Array;

  /** Rows of the current tree by feature, stride nRows; see the class note. */
  private readonly index: Int32Array;
  private readonly spareIndex: Int32Array;
  private readonly goesLeft: Uint8Array;
  private readonly features: Int32Array;
  private readonly constantFeatures: Int32Array;
  private readonly constantForChildren: Uint8Array;
  /** w, w·y and w·y² of row i at 3i, 3i + 1 and 3i + 2. */
  private readonly rowStats: Float64Array;
  /** Left sums of the best classification split, from its scan. */
  private scanLeftWeight = 0;
  private scanLeftClass1 = 0;
  private scanLeftClass0 = 0;
  /** Whether describeChildren already set goesLeft for the last split. */
  private sidesMarked = false;
  /** Scratch for the sums helpers: weight, sum, second. */
  private readonly sums = new Float64Array(3);

  private criterion: CriterionCode = GINI;
  private maxFeatures = 1;
  private minSamplesLeaf = 1;
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
    this.order = data.order;
    this.columns = data.columns;
    const size = data.nRows * data.nFeatures;
    this.index = new Int32Array(size);
    this.spareIndex = new Int32Array(data.nRows);
    this.goesLeft = new Uint8Array(data.nRows);
    this.rowStats = new Float64Array(3 * data.nRows);
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
    const rowStats = this.rowStats;
    for (let row = 0; row < nRows; row++) {
      const w = weight[row];
      const weightedTarget = w * target[row];
      rowStats[3 * row] = w;
      rowStats[3 * row + 1] = weightedTarget;
      rowStats[3 * row + 2] = weightedTarget * target[row];
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

    const { order, index } = this;
    for (let f = 0; f < this.nFeatures; f++) {
      const base = f * nRows;
      if (nSamples === nRows) {
        index.set(order.subarray(base, base + nRows), base);
      } else {
        keepIncluded(order, index, included, base, base + nRows);
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
    const columns = this.columns;
    const index = this.index;
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
        const drawn = features[fJ];
        features[fJ] = features[nDrawn];
        features[nDrawn] = drawn;
        nDrawn += 1;
        continue;
      }

      fJ += nFound;
      const feature = features[fJ];
      const base = feature * nRows;
      if (
        columns[base + index[base + end - 1]] <=
        Math.fround(columns[base + index[base + start]] + FEATURE_THRESHOLD)
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
      if (bestPos >= 0) {
        this.recordSplit(scanResult[0], feature, base, bestPos);
        this.scanLeftWeight = scanResult[1];
        this.scanLeftClass1 = scanResult[2];
        this.scanLeftClass0 = scanResult[3];
      }
    }

    // Keep the known constants in their original order for sibling and
    // child nodes, and record the newly found ones after them.
    const constantFeatures = this.constantFeatures;
    for (let k = 0; k < nKnownConstants; k++) features[k] = constantFeatures[k];
    for (let k = nKnownConstants; k < nTotal; k++)
      constantFeatures[k] = features[k];
    this.nConstantFeatures = nTotal;

    if (this.splitPos >= end) return false;
    this.describeChildren(
      start,
      end,
      nodeWeight,
      nodeSum,
      nodeSecond,
      impurity,
    );
    return true;
  }

  /**
   * Sums, impurities and improvement of the chosen split's children.
   * Classification sums come from the scan and are exact for integer
   * weights. Regression sums are fresh, as each child's criterion computes
   * them, while the impurities follow scikit-learn's `children_impurity`
   * on the parent (the right side by subtraction from the parent totals),
   * because they decide whether a nearly pure child is a leaf.
   */
  private describeChildren(
    start: number,
    end: number,
    nodeWeight: number,
    nodeSum: number,
    nodeSecond: number,
    impurity: number,
  ): void {
    const pos = this.splitPos;
    let weightLeft: number;
    let weightRight: number;

    if (isClassification(this.criterion)) {
      this.sidesMarked = false;
      weightLeft = this.scanLeftWeight;
      weightRight = nodeWeight - weightLeft;
      this.leftWeight = weightLeft;
      this.leftSum = this.scanLeftClass1;
      this.leftSecond = this.scanLeftClass0;
      this.rightWeight = weightRight;
      this.rightSum = nodeSum - this.leftSum;
      this.rightSecond = nodeSecond - this.leftSecond;
      this.leftImpurity = nodeImpurity(
        this.criterion,
        weightLeft,
        this.leftSum,
        this.leftSecond,
      );
      this.rightImpurity = nodeImpurity(
        this.criterion,
        weightRight,
        this.rightSum,
        this.rightSecond,
      );
    } else {
      const rows = this.index;
      const base = this.splitFeature * this.nRows;
      const sums = this.sums;
      // The same passes mark each row's side for the partition.
      const goesLeft = this.goesLeft;
      markAndSumRows(
        rows,
        this.rowStats,
        goesLeft,
        1,
        base + start,
        base + pos,
        sums,
      );
      this.leftWeight = sums[0];
      this.leftSum = sums[1];
      this.leftSecond = sums[2];
      markAndSumRows(
        rows,
        this.rowStats,
        goesLeft,
        0,
        base + pos,
        base + end,
        sums,
      );
      this.sidesMarked = true;
      this.rightWeight = sums[0];
      this.rightSum = sums[1];
      this.rightSecond = sums[2];

      // The parent's criterion reaches pos forward from start, or backward
      // from the totals when pos is nearer the end.
      weightLeft = this.leftWeight;
      let sumLeft = this.leftSum;
      if (pos - start > end - pos) {
        subtractRowsBackward(
          rows,
          this.rowStats,
          base + pos,
          base + end,
          nodeWeight,
          nodeSum,
          sums,
        );
        weightLeft = sums[0];
        sumLeft = sums[1];
      }
      weightRight = nodeWeight - weightLeft;
      const sumRight = nodeSum - sumLeft;
      const meanLeft = sumLeft / weightLeft;
      const meanRight = sumRight / weightRight;
      this.leftImpurity = this.leftSecond / weightLeft - meanLeft * meanLeft;
      this.rightImpurity =
        (nodeSecond - this.leftSecond) / weightRight - meanRight * meanRight;
    }

    this.splitImprovement =
      (nodeWeight / this.weightedNSamples) *
      (impurity -
        (weightRight / nodeWeight) * this.rightImpurity -
        (weightLeft / nodeWeight) * this.leftImpurity);
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
    const { columns, index, rowStats, minSamplesLeaf, bestProxy } = this;
    switch (this.criterion) {
      case GINI:
        return scanGini(
          columns,
          index,
          rowStats,
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
          columns,
          index,
          rowStats,
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
          columns,
          index,
          rowStats,
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
          columns,
          index,
          rowStats,
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
    const columns = this.columns;
    const index = this.index;
    this.bestProxy = proxy;
    this.splitPos = pos;
    this.splitFeature = feature;
    this.splitThreshold = midpoint(
      columns[base + index[base + pos - 1]],
      columns[base + index[base + pos]],
    );
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
    const goesLeft = this.goesLeft;
    const spareIndex = this.spareIndex;
    const splitFeature = this.splitFeature;
    const pos = this.splitPos;

    if (!this.sidesMarked) {
      const splitBase = splitFeature * nRows;
      markRows(index, goesLeft, 1, splitBase + start, splitBase + pos);
      markRows(index, goesLeft, 0, splitBase + pos, splitBase + end);
    }

    const constant = this.constantForChildren;
    constant.fill(0);
    for (let k = 0; k < this.nConstantFeatures; k++)
      constant[this.features[k]] = 1;

    for (let f = 0; f < this.nFeatures; f++) {
      if (f === splitFeature || constant[f] === 1) continue;
      const base = f * nRows;
      partitionSegment(index, spareIndex, goesLeft, base + start, base + end);
    }
  }
}
