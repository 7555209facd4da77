import type { Labels } from "../../ml/types";

/** Training methods a learner can pick for the class-imbalance task. */
export const trainingMethods = [
  "none",
  "oversampling",
  "undersampling",
  "class_weight",
  "focal_loss",
] as const;

export type TrainingMethod = (typeof trainingMethods)[number];

/**
 * Decision thresholds the learner can choose from. Models trained on the
 * raw 0.1% base rate put most probabilities near 0, while resampling and
 * class weights push frauds near 1, so the grid is dense at both ends.
 * It has 20 log-spaced steps from 0.0001 to 0.0079 (two significant
 * digits), then 0.01 to 0.99 in steps of 0.01, then 1 minus the first
 * part: 0.9921 up to 0.9999.
 */
export const imbalanceThresholdGrid: readonly number[] = buildThresholdGrid();

function buildThresholdGrid(): number[] {
  const lowTail: number[] = [];
  for (let k = 0; k < 20; k++) {
    lowTail.push(Number((10 ** (-4 + (2 * k) / 20)).toPrecision(2)));
  }
  const middle: number[] = [];
  for (let k = 1; k <= 99; k++) middle.push(k / 100);
  const highTail = [...lowTail]
    .reverse()
    .map((gap) => Number((1 - gap).toFixed(6)));
  return [...lowTail, ...middle, ...highTail];
}

/** True and false positives of one model at every grid threshold. */
export interface OperatingPointCounts {
  /** Rows with label 1 and score ≥ threshold, by grid position. */
  truePositives: number[];
  /** Rows with label 0 and score ≥ threshold, by grid position. */
  falsePositives: number[];
}

/** Counts predictions at each grid threshold (1 where score ≥ threshold). */
export function countOperatingPoints(
  y: Labels,
  scores: ArrayLike<number>,
  grid: readonly number[] = imbalanceThresholdGrid,
): OperatingPointCounts {
  const truePositives = new Array<number>(grid.length).fill(0);
  const falsePositives = new Array<number>(grid.length).fill(0);
  for (let i = 0; i < y.length; i++) {
    const counts = y[i] === 1 ? truePositives : falsePositives;
    for (let k = 0; k < grid.length; k++) {
      if (scores[i] >= grid[k]) counts[k] += 1;
    }
  }
  return { truePositives, falsePositives };
}

/** The part of a class-imbalance result the task check reads. */
export interface ImbalanceTaskData {
  task: { targetRecall: number; minPrecision: number };
  dataset: { testPositives: number; testRows: number };
  operatingPoints: {
    thresholds: number[];
    counts: Record<TrainingMethod, OperatingPointCounts>;
  };
}

/** A learner's pick for the task: how to train, where to cut. */
export interface ImbalanceTaskChoice {
  method: TrainingMethod;
  threshold: number;
}

/** Outcome of the task check on the held-out test split. */
export interface ImbalanceTaskOutcome {
  method: TrainingMethod;
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  recall: number;
  /** 0 when nothing is predicted positive. */
  precision: number;
  meetsRecall: boolean;
  meetsPrecision: boolean;
  passed: boolean;
}

/**
 * Checks a learner's choice of training method and threshold against the
 * run's task: recall of at least task.targetRecall with precision of at
 * least task.minPrecision on the test split, predicting fraud where the
 * score is ≥ the threshold.
 *
 * @throws {RangeError} when the method is unknown or the threshold is not
 *   one of the grid values stored in the result.
 */
export function checkImbalanceTask(
  result: ImbalanceTaskData,
  choice: ImbalanceTaskChoice,
): ImbalanceTaskOutcome {
  const counts = result.operatingPoints.counts[choice.method];
  if (!trainingMethods.includes(choice.method) || !counts) {
    throw new RangeError(
      `method must be one of ${trainingMethods.join(", ")}, got "${String(choice.method)}".`,
    );
  }
  const thresholds = result.operatingPoints.thresholds;
  const index = thresholds.findIndex(
    (value) => Math.abs(value - choice.threshold) <= 1e-12,
  );
  if (index === -1) {
    throw new RangeError(
      `threshold ${choice.threshold} is not one of the run's thresholds; pick one from operatingPoints.thresholds (0.0001 to 0.99).`,
    );
  }

  const truePositives = counts.truePositives[index];
  const falsePositives = counts.falsePositives[index];
  const positives = result.dataset.testPositives;
  const predicted = truePositives + falsePositives;
  const recall = truePositives / positives;
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const meetsRecall = recall >= result.task.targetRecall;
  const meetsPrecision = precision >= result.task.minPrecision;
  return {
    method: choice.method,
    threshold: thresholds[index],
    truePositives,
    falsePositives,
    falseNegatives: positives - truePositives,
    recall,
    precision,
    meetsRecall,
    meetsPrecision,
    passed: meetsRecall && meetsPrecision,
  };
}
