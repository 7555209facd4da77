/**
 * Threshold scans over one feature's presorted segment of a node, one
 * function per criterion. rows[base + p] is the row at position p of the
 * segment, and `columns` contains the float32 feature values by column.
 * `rowStats` contains w, w·y and w·y² of row i at 3i, 3i + 1 and 3i + 2
 * (y the 0/1 label or the regression target), so that one cache line
 * serves a row. Each scan returns the first position with the largest
 * proxy improvement above `bestSoFar` (or −1) and leaves that proxy in
 * `scanResult[0]`.
 *
 * The scans follow scikit-learn 1.2.1's `BestSplitter` loop: values within
 * FEATURE_THRESHOLD (added in float32) of their predecessor continue a run,
 * a candidate split lies between runs, and candidates leaving fewer than
 * minSamplesLeaf rows on a side are skipped. Rows are added to the left
 * sums as the scan passes them. At a candidate that lies closer to the end
 * than to the previous candidate, the sums are instead rebuilt from the
 * node totals by subtracting the rows after it. scikit-learn's
 * `Criterion.update` does the same, so rounding agrees with it.
 *
 * Each criterion has its own function, with the rebuild outside the hot
 * loop, because V8 compiles these loops several times slower when they
 * contain a branch between formulas or a nested loop.
 */

/**
 * Values closer than this count as equal. scikit-learn 1.2.1 stores it,
 * and adds it, in float32.
 */
export const FEATURE_THRESHOLD = Math.fround(1e-7);

/**
 * Result of the last scan: the best proxy, then for classification scans
 * the left weight, class-1 weight and class-0 weight at that position.
 */
export const scanResult = new Float64Array(4);

const LOG_2 = Math.log(2);

/**
 * Returns the split threshold between two neighbouring float32 values as
 * scikit-learn's splitter places it: the sum of their halves (which cannot
 * overflow), or `below` when that sum rounds up to `above` or is infinite.
 */
export function midpoint(below: number, above: number): number {
  const threshold = below / 2 + above / 2;
  if (
    threshold === above ||
    threshold === Infinity ||
    threshold === -Infinity
  ) {
    return below;
  }
  return threshold;
}

/**
 * Scans with the Gini proxy −w_R·gini_R − w_L·gini_L, targets 0/1.
 */
export function scanGini(
  columns: Float32Array,
  rows: Int32Array,
  rowStats: Float64Array,
  base: number,
  start: number,
  end: number,
  nodeWeight: number,
  nodeClass1: number,
  nodeClass0: number,
  minSamplesLeaf: number,
  bestSoFar: number,
): number {
  let best = bestSoFar;
  let bestPos = -1;
  let bestWeightLeft = 0;
  let bestClass1Left = 0;
  let bestClass0Left = 0;
  let weightLeft = 0;
  let class1Left = 0;
  let class0Left = 0;
  let pos = start;
  let current = columns[base + rows[base + start]];
  let q = start;
  while (q < end - 1) {
    let rebuildAt = -1;
    for (; q < end - 1; q++) {
      // w·y and w − w·y are exact for y in {0, 1}, so these branch-free
      // sums equal per-class sums.
      const stats = 3 * rows[base + q];
      const w = rowStats[stats];
      const w1 = rowStats[stats + 1];
      class1Left += w1;
      class0Left += w - w1;
      weightLeft += w;

      const next = columns[base + rows[base + q + 1]];
      const tied = next <= Math.fround(current + FEATURE_THRESHOLD);
      current = next;
      if (tied) continue;
      const p = q + 1;
      if (p - start < minSamplesLeaf || end - p < minSamplesLeaf) continue;
      if (p - pos > end - p) {
        rebuildAt = p;
        break;
      }
      pos = p;
      const proxy = giniProxy(
        nodeWeight,
        nodeClass1,
        nodeClass0,
        weightLeft,
        class1Left,
        class0Left,
        best,
      );
      if (proxy > best) {
        best = proxy;
        bestPos = p;
        bestWeightLeft = weightLeft;
        bestClass1Left = class1Left;
        bestClass0Left = class0Left;
      }
    }
    if (rebuildAt < 0) break;

    weightLeft = nodeWeight;
    class1Left = nodeClass1;
    class0Left = nodeClass0;
    for (let k = end - 1; k >= rebuildAt; k--) {
      const stats = 3 * rows[base + k];
      const w = rowStats[stats];
      const w1 = rowStats[stats + 1];
      class1Left -= w1;
      class0Left -= w - w1;
      weightLeft -= w;
    }
    pos = rebuildAt;
    const proxy = giniProxy(
      nodeWeight,
      nodeClass1,
      nodeClass0,
      weightLeft,
      class1Left,
      class0Left,
      best,
    );
    if (proxy > best) {
      best = proxy;
      bestPos = rebuildAt;
      bestWeightLeft = weightLeft;
      bestClass1Left = class1Left;
      bestClass0Left = class0Left;
    }
    q += 1;
  }
  scanResult[0] = best;
  scanResult[1] = bestWeightLeft;
  scanResult[2] = bestClass1Left;
  scanResult[3] = bestClass0Left;
  return bestPos;
}

/**
 * Scans with the entropy proxy −w_R·H_R − w_L·H_L (H in bits), targets 0/1.
 */
export function scanEntropy(
  columns: Float32Array,
  rows: Int32Array,
  rowStats: Float64Array,
  base: number,
  start: number,
  end: number,
  nodeWeight: number,
  nodeClass1: number,
  nodeClass0: number,
  minSamplesLeaf: number,
  bestSoFar: number,
): number {
  let best = bestSoFar;
  let bestPos = -1;
  let bestWeightLeft = 0;
  let bestClass1Left = 0;
  let bestClass0Left = 0;
  let weightLeft = 0;
  let class1Left = 0;
  let class0Left = 0;
  let pos = start;
  let current = columns[base + rows[base + start]];
  let q = start;
  while (q < end - 1) {
    let rebuildAt = -1;
    for (; q < end - 1; q++) {
      const stats = 3 * rows[base + q];
      const w = rowStats[stats];
      const w1 = rowStats[stats + 1];
      class1Left += w1;
      class0Left += w - w1;
      weightLeft += w;

      const next = columns[base + rows[base + q + 1]];
      const tied = next <= Math.fround(current + FEATURE_THRESHOLD);
      current = next;
      if (tied) continue;
      const p = q + 1;
      if (p - start < minSamplesLeaf || end - p < minSamplesLeaf) continue;
      if (p - pos > end - p) {
        rebuildAt = p;
        break;
      }
      pos = p;
      const proxy = entropyProxy(
        nodeWeight,
        nodeClass1,
        nodeClass0,
        weightLeft,
        class1Left,
        class0Left,
      );
      if (proxy > best) {
        best = proxy;
        bestPos = p;
        bestWeightLeft = weightLeft;
        bestClass1Left = class1Left;
        bestClass0Left = class0Left;
      }
    }
    if (rebuildAt < 0) break;

    weightLeft = nodeWeight;
    class1Left = nodeClass1;
    class0Left = nodeClass0;
    for (let k = end - 1; k >= rebuildAt; k--) {
      const stats = 3 * rows[base + k];
      const w = rowStats[stats];
      const w1 = rowStats[stats + 1];
      class1Left -= w1;
      class0Left -= w - w1;
      weightLeft -= w;
    }
    pos = rebuildAt;
    const proxy = entropyProxy(
      nodeWeight,
      nodeClass1,
      nodeClass0,
      weightLeft,
      class1Left,
      class0Left,
    );
    if (proxy > best) {
      best = proxy;
      bestPos = rebuildAt;
      bestWeightLeft = weightLeft;
      bestClass1Left = class1Left;
      bestClass0Left = class0Left;
    }
    q += 1;
  }
  scanResult[0] = best;
  scanResult[1] = bestWeightLeft;
  scanResult[2] = bestClass1Left;
  scanResult[3] = bestClass0Left;
  return bestPos;
}

/**
 * Scans with the squared-error proxy S_L²/w_L + S_R²/w_R, S = Σ w·y.
 */
export function scanSquaredError(
  columns: Float32Array,
  rows: Int32Array,
  rowStats: Float64Array,
  base: number,
  start: number,
  end: number,
  nodeWeight: number,
  nodeSum: number,
  minSamplesLeaf: number,
  bestSoFar: number,
): number {
  let best = bestSoFar;
  let bestPos = -1;
  let weightLeft = 0;
  let sumLeft = 0;
  let pos = start;
  let current = columns[base + rows[base + start]];
  let q = start;
  while (q < end - 1) {
    let rebuildAt = -1;
    for (; q < end - 1; q++) {
      const stats = 3 * rows[base + q];
      sumLeft += rowStats[stats + 1];
      weightLeft += rowStats[stats];

      const next = columns[base + rows[base + q + 1]];
      const tied = next <= Math.fround(current + FEATURE_THRESHOLD);
      current = next;
      if (tied) continue;
      const p = q + 1;
      if (p - start < minSamplesLeaf || end - p < minSamplesLeaf) continue;
      if (p - pos > end - p) {
        rebuildAt = p;
        break;
      }
      pos = p;
      const proxy = squaredErrorProxy(
        nodeWeight,
        nodeSum,
        weightLeft,
        sumLeft,
        best,
      );
      if (proxy > best) {
        best = proxy;
        bestPos = p;
      }
    }
    if (rebuildAt < 0) break;

    weightLeft = nodeWeight;
    sumLeft = nodeSum;
    for (let k = end - 1; k >= rebuildAt; k--) {
      const stats = 3 * rows[base + k];
      sumLeft -= rowStats[stats + 1];
      weightLeft -= rowStats[stats];
    }
    pos = rebuildAt;
    const proxy = squaredErrorProxy(
      nodeWeight,
      nodeSum,
      weightLeft,
      sumLeft,
      best,
    );
    if (proxy > best) {
      best = proxy;
      bestPos = rebuildAt;
    }
    q += 1;
  }
  scanResult[0] = best;
  return bestPos;
}

/**
 * Scans with Friedman's proxy (w_R·S_L − w_L·S_R)² / (w_L·w_R), S = Σ w·y.
 */
export function scanFriedman(
  columns: Float32Array,
  rows: Int32Array,
  rowStats: Float64Array,
  base: number,
  start: number,
  end: number,
  nodeWeight: number,
  nodeSum: number,
  minSamplesLeaf: number,
  bestSoFar: number,
): number {
  let best = bestSoFar;
  let bestPos = -1;
  let weightLeft = 0;
  let sumLeft = 0;
  let pos = start;
  let current = columns[base + rows[base + start]];
  let q = start;
  while (q < end - 1) {
    let rebuildAt = -1;
    for (; q < end - 1; q++) {
      const stats = 3 * rows[base + q];
      sumLeft += rowStats[stats + 1];
      weightLeft += rowStats[stats];

      const next = columns[base + rows[base + q + 1]];
      const tied = next <= Math.fround(current + FEATURE_THRESHOLD);
      current = next;
      if (tied) continue;
      const p = q + 1;
      if (p - start < minSamplesLeaf || end - p < minSamplesLeaf) continue;
      if (p - pos > end - p) {
        rebuildAt = p;
        break;
      }
      pos = p;
      const proxy = friedmanProxy(
        nodeWeight,
        nodeSum,
        weightLeft,
        sumLeft,
        best,
      );
      if (proxy > best) {
        best = proxy;
        bestPos = p;
      }
    }
    if (rebuildAt < 0) break;

    weightLeft = nodeWeight;
    sumLeft = nodeSum;
    for (let k = end - 1; k >= rebuildAt; k--) {
      const stats = 3 * rows[base + k];
      sumLeft -= rowStats[stats + 1];
      weightLeft -= rowStats[stats];
    }
    pos = rebuildAt;
    const proxy = friedmanProxy(nodeWeight, nodeSum, weightLeft, sumLeft, best);
    if (proxy > best) {
      best = proxy;
      bestPos = rebuildAt;
    }
    q += 1;
  }
  scanResult[0] = best;
  return bestPos;
}

/**
 * Returns best·product lowered by a relative margin of 1e-9, far wider
 * than rounding, so a proxy numerator below it cannot beat `best`.
 */
function lowerBound(best: number, product: number): number {
  const bound = best * product;
  return bound - Math.abs(bound) * 1e-9;
}

/**
 * Gini proxy with scikit-learn's formula, or −MAX_VALUE without dividing
 * when a division-free bound shows it cannot beat `best` (the proxy
 * equals S_L/w_L + S_R/w_R − w, S the sum of squared class weights).
 */
function giniProxy(
  nodeWeight: number,
  nodeClass1: number,
  nodeClass0: number,
  weightLeft: number,
  class1Left: number,
  class0Left: number,
  best: number,
): number {
  const weightRight = nodeWeight - weightLeft;
  const class1Right = nodeClass1 - class1Left;
  const class0Right = nodeClass0 - class0Left;
  const squaredLeft = class0Left * class0Left + class1Left * class1Left;
  const squaredRight = class0Right * class0Right + class1Right * class1Right;
  const crossed = squaredLeft * weightRight + squaredRight * weightLeft;
  if (crossed < lowerBound(best + nodeWeight, weightLeft * weightRight)) {
    return -Number.MAX_VALUE;
  }
  return (
    -weightRight * (1 - squaredRight / (weightRight * weightRight)) -
    weightLeft * (1 - squaredLeft / (weightLeft * weightLeft))
  );
}

/** Entropy proxy with scikit-learn's formula, class 0 terms first. */
function entropyProxy(
  nodeWeight: number,
  nodeClass1: number,
  nodeClass0: number,
  weightLeft: number,
  class1Left: number,
  class0Left: number,
): number {
  const weightRight = nodeWeight - weightLeft;
  return (
    -weightRight *
      entropyBits(
        nodeClass0 - class0Left,
        nodeClass1 - class1Left,
        weightRight,
      ) -
    weightLeft * entropyBits(class0Left, class1Left, weightLeft)
  );
}

/** Entropy in bits of two class weights out of `weight`. */
function entropyBits(class0: number, class1: number, weight: number): number {
  let value = 0;
  if (class0 > 0) {
    const fraction = class0 / weight;
    value -= fraction * (Math.log(fraction) / LOG_2);
  }
  if (class1 > 0) {
    const fraction = class1 / weight;
    value -= fraction * (Math.log(fraction) / LOG_2);
  }
  return value;
}

/** Squared-error proxy, or −MAX_VALUE when a division-free bound rules it out. */
function squaredErrorProxy(
  nodeWeight: number,
  nodeSum: number,
  weightLeft: number,
  sumLeft: number,
  best: number,
): number {
  const weightRight = nodeWeight - weightLeft;
  const sumRight = nodeSum - sumLeft;
  const crossed =
    sumLeft * sumLeft * weightRight + sumRight * sumRight * weightLeft;
  if (crossed < lowerBound(best, weightLeft * weightRight))
    return -Number.MAX_VALUE;
  return (sumLeft * sumLeft) / weightLeft + (sumRight * sumRight) / weightRight;
}

/** Friedman proxy, or −MAX_VALUE when a division-free bound rules it out. */
function friedmanProxy(
  nodeWeight: number,
  nodeSum: number,
  weightLeft: number,
  sumLeft: number,
  best: number,
): number {
  const weightRight = nodeWeight - weightLeft;
  const sumRight = nodeSum - sumLeft;
  const product = weightLeft * weightRight;
  const difference = weightRight * sumLeft - weightLeft * sumRight;
  const numerator = difference * difference;
  if (numerator < lowerBound(best, product)) return -Number.MAX_VALUE;
  return numerator / product;
}
