import { RandomState } from "./random";
import { assertInRange } from "./validate";

/** Row indices of a train/test split. */
export interface TrainTestIndices {
  train: Int32Array;
  test: Int32Array;
}

/** Options of {@link stratifiedTrainTestSplit}. */
export interface StratifiedSplitOptions {
  /**
   * Test share in (0, 1), or an integer count of test rows ≥ 1.
   * Default 0.25, as in scikit-learn.
   */
  testSize?: number;
  /** Seed of the split's own RandomState (scikit-learn's random_state). */
  randomState: number;
}

/**
 * Resolves scikit-learn's test_size to counts: ceil(testSize · n) in
 * floating point for a fraction (so 0.07 · 100 gives 8), the value itself
 * for an integer.
 */
function resolveCounts(
  n: number,
  testSize: number,
): { nTrain: number; nTest: number } {
  let nTest: number;
  if (testSize > 0 && testSize < 1) {
    nTest = Math.ceil(testSize * n);
  } else if (Number.isInteger(testSize) && testSize >= 1 && testSize < n) {
    nTest = testSize;
  } else {
    throw new RangeError(
      `testSize must be a fraction in (0, 1) or an integer in [1, ${n - 1}], got ${testSize}.`,
    );
  }
  const nTrain = n - nTest;
  if (nTrain <= 0) {
    throw new RangeError(
      `testSize ${testSize} leaves no training rows out of ${n}; use a smaller testSize.`,
    );
  }
  return { nTrain, nTest };
}

/**
 * Splits nDraws units over classes in proportion to their counts:
 * floor(count / total · nDraws), then the leftover units go to the largest
 * remainders, ties broken by a random choice among the tied classes.
 * Mirrors scikit-learn 1.2.1's `_approximate_mode`, draws included.
 */
function approximateMode(
  classCounts: Float64Array,
  nDraws: number,
  random: RandomState,
): Float64Array {
  let total = 0;
  for (let c = 0; c < classCounts.length; c++) total += classCounts[c];

  const continuous = new Float64Array(classCounts.length);
  const floored = new Float64Array(classCounts.length);
  let flooredSum = 0;
  for (let c = 0; c < classCounts.length; c++) {
    // Same order of operations as numpy: (count / total) · nDraws.
    continuous[c] = (classCounts[c] / total) * nDraws;
    floored[c] = Math.floor(continuous[c]);
    flooredSum += floored[c];
  }

  let needToAdd = Math.trunc(nDraws - flooredSum);
  if (needToAdd <= 0) return floored;

  const remainder = new Float64Array(classCounts.length);
  for (let c = 0; c < classCounts.length; c++) {
    remainder[c] = continuous[c] - floored[c];
  }
  const values = Array.from(new Set(remainder)).sort((a, b) => b - a);
  for (const value of values) {
    const tied: number[] = [];
    for (let c = 0; c < remainder.length; c++) {
      if (remainder[c] === value) tied.push(c);
    }
    const addNow = Math.min(tied.length, needToAdd);
    // choice(tied, addNow, replace=False) takes a full permutation.
    const order = random.permutation(tied.length);
    for (let k = 0; k < addNow; k++) floored[tied[order[k]]] += 1;
    needToAdd -= addNow;
    if (needToAdd === 0) break;
  }
  return floored;
}

/**
 * Splits rows into train and test sets that keep each class's share,
 * reproducing scikit-learn 1.2.1's
 * `train_test_split(..., stratify=y, random_state=seed)` index for index:
 * per-class counts by the approximate mode, one permutation per class
 * (classes in ascending order, rows ascending within a class), then one
 * permutation of the train list and one of the test list.
 * @throws RangeError for fewer than 2 rows, a bad testSize or seed, a
 * class with a single member, or a train or test set smaller than the
 * number of classes.
 */
export function stratifiedTrainTestSplit(
  labels: ArrayLike<number>,
  options: StratifiedSplitOptions,
): TrainTestIndices {
  const n = labels.length;
  if (n < 2) {
    throw new RangeError(`a split needs at least 2 rows, got ${n}.`);
  }
  assertInRange("randomState", options.randomState, 0, 0xffffffff, {
    integer: true,
  });
  const { nTrain, nTest } = resolveCounts(n, options.testSize ?? 0.25);

  const classes = Array.from(new Set(Array.from(labels))).sort((a, b) => a - b);
  const classOf = new Map<number, number>();
  classes.forEach((value, index) => classOf.set(value, index));
  const classCounts = new Float64Array(classes.length);
  const classIndices: number[][] = classes.map(() => []);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(labels[i])) {
      throw new RangeError(
        `label ${i} is ${labels[i]}; labels must be finite.`,
      );
    }
    const c = classOf.get(labels[i]) as number;
    classCounts[c] += 1;
    classIndices[c].push(i);
  }

  for (let c = 0; c < classes.length; c++) {
    if (classCounts[c] < 2) {
      throw new RangeError(
        `class ${classes[c]} has only 1 member; stratification needs at least 2 per class.`,
      );
    }
  }
  if (nTrain < classes.length || nTest < classes.length) {
    throw new RangeError(
      `train (${nTrain}) and test (${nTest}) sizes must each be at least the number of classes (${classes.length}).`,
    );
  }

  const random = new RandomState(options.randomState);
  const trainCounts = approximateMode(classCounts, nTrain, random);
  const remaining = new Float64Array(classes.length);
  for (let c = 0; c < classes.length; c++) {
    remaining[c] = classCounts[c] - trainCounts[c];
  }
  const testCounts = approximateMode(remaining, nTest, random);

  const train = new Int32Array(nTrain);
  const test = new Int32Array(nTest);
  let trainLength = 0;
  let testLength = 0;
  for (let c = 0; c < classes.length; c++) {
    const order = random.permutation(classCounts[c]);
    const members = classIndices[c];
    for (let k = 0; k < trainCounts[c]; k++) {
      train[trainLength++] = members[order[k]];
    }
    for (let k = trainCounts[c]; k < trainCounts[c] + testCounts[c]; k++) {
      test[testLength++] = members[order[k]];
    }
  }
  random.shuffle(train);
  random.shuffle(test);
  return { train, test };
}

/**
 * Splits time-ordered rows: the earliest go to train and the latest
 * ceil(testSize · n) to test, so no training row is later than a test row.
 * Rows are ordered by `times` when given (stable for equal times),
 * otherwise by row number.
 * @throws RangeError for fewer than 2 rows, a bad testSize, or times of
 * the wrong length or with non-finite entries.
 */
export function timeOrderedSplit(
  n: number,
  options: { testSize?: number; times?: ArrayLike<number> } = {},
): TrainTestIndices {
  assertInRange("n", n, 2, 2 ** 31 - 1, { integer: true });
  const { nTrain, nTest } = resolveCounts(n, options.testSize ?? 0.25);

  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const times = options.times;
  if (times !== undefined) {
    if (times.length !== n) {
      throw new RangeError(`times has ${times.length} entries but n is ${n}.`);
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(times[i])) {
        throw new RangeError(
          `times[${i}] is ${times[i]}; times must be finite.`,
        );
      }
    }
    // TypedArray sort is not guaranteed stable; break ties by row number.
    order.sort((a, b) => times[a] - times[b] || a - b);
  }
  return {
    train: order.slice(0, nTrain),
    test: order.slice(nTrain, nTrain + nTest),
  };
}

/**
 * Assigns each row to one of nSplits folds, stratified by label: each
 * class's rows are shuffled with `RandomState(randomState)` and dealt
 * round-robin, the deal continuing from one class to the next so fold
 * sizes differ by at most one. The folds are not scikit-learn's
 * StratifiedKFold folds.
 * @throws RangeError if nSplits is not an integer in [2, n], randomState
 * is out of range, or a class has fewer than 2 rows (a fold's training
 * part would then miss the class).
 */
export function stratifiedKFold(
  labels: ArrayLike<number>,
  options: { nSplits?: number; randomState: number },
): Int32Array {
  const n = labels.length;
  const nSplits = options.nSplits ?? 5;
  assertInRange("nSplits", nSplits, 2, Math.max(2, n), { integer: true });
  if (nSplits > n) {
    throw new RangeError(`nSplits ${nSplits} exceeds the ${n} rows.`);
  }
  assertInRange("randomState", options.randomState, 0, 0xffffffff, {
    integer: true,
  });

  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const members = byClass.get(labels[i]) ?? [];
    members.push(i);
    byClass.set(labels[i], members);
  }
  const classes = Array.from(byClass.keys()).sort((a, b) => a - b);
  const random = new RandomState(options.randomState);
  const folds = new Int32Array(n);
  let dealt = 0;
  for (const value of classes) {
    const members = byClass.get(value) as number[];
    if (members.length < 2) {
      throw new RangeError(
        `class ${value} has only 1 row; k-fold needs at least 2 per class.`,
      );
    }
    const order = random.permutation(members.length);
    for (let k = 0; k < members.length; k++) {
      folds[members[order[k]]] = dealt % nSplits;
      dealt++;
    }
  }
  return folds;
}
