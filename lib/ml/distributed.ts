import { RandomState } from "./random";
import type { Labels, Matrix } from "./types";
import {
  assertBothClasses,
  assertInRange,
  assertLabels,
  assertMatrix,
} from "./validate";

export { estimateTrainingMemory } from "./training-memory";
export type {
  OptimizerKind,
  ParallelismStrategy,
  TrainingMemoryEstimate,
  TrainingMemoryInput,
  TrainingPrecision,
} from "./training-memory";

/** Options shared by the single-worker and data-parallel SGD trainers. */
export interface SgdOptions {
  /** Rows per optimisation step, summed over all workers. */
  globalBatchSize: number;
  learningRate: number;
  epochs: number;
  /** L2 strength λ: the loss is mean log loss + λ/2·‖w‖² (intercept free). */
  l2?: number;
  /** Seed of the per-epoch shuffles. */
  randomState: number;
}

/** Options of {@link trainDataParallelSgd}. */
export interface DataParallelOptions extends SgdOptions {
  /** Simulated workers; each step's batch is split between them. */
  workers: number;
}

/** Parameters and history of an SGD run. */
export interface SgdResult {
  /** Coefficients, then the intercept. */
  parameters: Float64Array;
  /** Mean training log loss after each epoch. */
  lossHistory: Float64Array;
  steps: number;
  /**
   * Bytes each worker sends per step in a ring all-reduce of fp32
   * gradients, 2·(K − 1)/K·P·4; 0 for one worker.
   */
  bytesPerWorkerPerStep: number;
}

function checkSgd(x: Matrix, y: Labels, options: SgdOptions): void {
  assertMatrix(x);
  assertLabels(y, x.rows);
  assertBothClasses(y);
  assertInRange("globalBatchSize", options.globalBatchSize, 1, x.rows, {
    integer: true,
  });
  assertInRange("learningRate", options.learningRate, 0, 1e6, {
    minExclusive: true,
  });
  assertInRange("epochs", options.epochs, 1, 1e6, { integer: true });
  assertInRange("l2", options.l2 ?? 0, 0, 1e6);
  assertInRange("randomState", options.randomState, 0, 0xffffffff, {
    integer: true,
  });
}

/**
 * Adds the log-loss gradient of rows order[start..end) to `gradient`
 * (coefficients then intercept), summed, not averaged.
 */
function accumulateGradient(
  x: Matrix,
  y: Labels,
  parameters: Float64Array,
  order: Int32Array,
  start: number,
  end: number,
  gradient: Float64Array,
): void {
  const { cols, data } = x;
  for (let k = start; k < end; k++) {
    const row = order[k];
    const offset = row * cols;
    let z = parameters[cols];
    for (let j = 0; j < cols; j++) z += parameters[j] * data[offset + j];
    const residual = 1 / (1 + Math.exp(-z)) - y[row];
    for (let j = 0; j < cols; j++) gradient[j] += residual * data[offset + j];
    gradient[cols] += residual;
  }
}

function meanLogLoss(x: Matrix, y: Labels, parameters: Float64Array): number {
  const { rows, cols, data } = x;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let z = parameters[cols];
    for (let j = 0; j < cols; j++) z += parameters[j] * data[i * cols + j];
    // log(1 + e^z) − y·z, stable for large |z|.
    total += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z;
  }
  return total / rows;
}

/**
 * Runs SGD where each step's batch is computed by `computeBatchGradient`,
 * which returns the mean gradient of the batch order[start..end).
 */
function runSgd(
  x: Matrix,
  y: Labels,
  options: SgdOptions,
  computeBatchGradient: (
    parameters: Float64Array,
    order: Int32Array,
    start: number,
    end: number,
  ) => Float64Array,
): { parameters: Float64Array; lossHistory: Float64Array; steps: number } {
  const cols = x.cols;
  const l2 = options.l2 ?? 0;
  const parameters = new Float64Array(cols + 1);
  const lossHistory = new Float64Array(options.epochs);
  const random = new RandomState(options.randomState);
  let steps = 0;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = random.permutation(x.rows);
    for (let start = 0; start < x.rows; start += options.globalBatchSize) {
      const end = Math.min(start + options.globalBatchSize, x.rows);
      const gradient = computeBatchGradient(parameters, order, start, end);
      for (let j = 0; j < cols; j++) {
        parameters[j] -=
          options.learningRate * (gradient[j] + l2 * parameters[j]);
      }
      parameters[cols] -= options.learningRate * gradient[cols];
      steps++;
    }
    lossHistory[epoch] = meanLogLoss(x, y, parameters);
  }
  return { parameters, lossHistory, steps };
}

/**
 * Mini-batch SGD for logistic regression on one worker: each step uses
 * the mean gradient of `globalBatchSize` rows of a per-epoch shuffle.
 * @throws RangeError for bad data or options.
 */
export function trainLargeBatchSgd(
  x: Matrix,
  y: Labels,
  options: SgdOptions,
): SgdResult {
  checkSgd(x, y, options);
  const result = runSgd(x, y, options, (parameters, order, start, end) => {
    const gradient = new Float64Array(x.cols + 1);
    accumulateGradient(x, y, parameters, order, start, end, gradient);
    for (let j = 0; j < gradient.length; j++) gradient[j] /= end - start;
    return gradient;
  });
  return { ...result, bytesPerWorkerPerStep: 0 };
}

/**
 * Synchronous data-parallel SGD over K simulated workers. Each step's
 * global batch (the same rows as {@link trainLargeBatchSgd}) is split into
 * K contiguous shards whose sizes differ by at most one; every worker
 * computes the mean gradient of its shard, and an all-reduce averages the
 * K gradients weighted by shard size. The result is the mean gradient of
 * the whole batch, so the run equals single-worker training on the same
 * global batch up to floating-point summation order.
 * @throws RangeError for bad data or options, or more workers than rows
 * in a global batch.
 */
export function trainDataParallelSgd(
  x: Matrix,
  y: Labels,
  options: DataParallelOptions,
): SgdResult {
  checkSgd(x, y, options);
  const workers = options.workers;
  assertInRange("workers", workers, 1, options.globalBatchSize, {
    integer: true,
  });
  const size = x.cols + 1;

  const result = runSgd(x, y, options, (parameters, order, start, end) => {
    const batch = end - start;
    const reduced = new Float64Array(size);
    // The last batch of an epoch can be smaller than the worker count, so
    // some workers then have no rows and contribute nothing.
    for (let worker = 0; worker < workers; worker++) {
      const shardStart = start + Math.floor((worker * batch) / workers);
      const shardEnd = start + Math.floor(((worker + 1) * batch) / workers);
      const shardRows = shardEnd - shardStart;
      if (shardRows === 0) continue;
      const local = new Float64Array(size);
      accumulateGradient(x, y, parameters, order, shardStart, shardEnd, local);
      for (let j = 0; j < size; j++) {
        const workerMean = local[j] / shardRows;
        reduced[j] += workerMean * (shardRows / batch);
      }
    }
    return reduced;
  });

  const bytesPerWorkerPerStep =
    workers === 1 ? 0 : (2 * (workers - 1) * size * 4) / workers;
  return { ...result, bytesPerWorkerPerStep };
}
