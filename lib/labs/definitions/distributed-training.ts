import { z } from "zod";

import { generateCtr } from "../../ml/datasets";
import {
  estimateTrainingMemory,
  trainDataParallelSgd,
  trainLargeBatchSgd,
  type ParallelismStrategy,
} from "../../ml/distributed";
import { enumParam, integerParam, numberParam } from "../params-schema";
import { standardizeColumns } from "../standardize";
import type { LabDefinition } from "../types";

const gib = 2 ** 30;
const mib = 2 ** 20;

export const distributedTrainingParams = z.strictObject({
  parameters: integerParam(
    "parameters",
    1_000_000,
    1_000_000_000_000,
    500_000_000,
  ),
  precision: enumParam("precision", ["fp32", "bf16", "mixed"], "fp32"),
  optimizer: enumParam("optimizer", ["sgd", "momentum", "adam"], "adam"),
  batchSizePerDevice: integerParam("batchSizePerDevice", 1, 4_096, 32),
  activationMibPerExample: numberParam(
    "activationMibPerExample",
    0.01,
    4_096,
    64,
  ),
  deviceMemoryGib: numberParam("deviceMemoryGib", 8, 192, 80),
  devices: integerParam("devices", 1, 4_096, 8),
  trainingExamples: integerParam(
    "trainingExamples",
    1_000_000,
    1_000_000_000_000,
    10_000_000_000,
  ),
  examplesPerSecondPerDevice: integerParam(
    "examplesPerSecondPerDevice",
    1,
    1_000_000,
    2_000,
  ),
  rows: integerParam("rows", 2_000, 50_000, 20_000),
  seed: integerParam("seed", 0, 2_147_483_647, 42),
  workers: integerParam("workers", 2, 32, 8),
  batchPerWorker: integerParam("batchPerWorker", 8, 512, 32),
  // Small enough that K workers at the same rate visibly lag one worker
  // on the default data, and K times it still converges.
  learningRate: numberParam("learningRate", 0.0005, 1, 0.005),
  epochs: integerParam("epochs", 1, 30, 10),
});

export type DistributedTrainingParams = z.output<
  typeof distributedTrainingParams
>;

/** SGD runs of the simulation. */
export const sgdRuns = [
  "single_worker",
  "data_parallel",
  "data_parallel_scaled_lr",
] as const;

export type SgdRun = (typeof sgdRuns)[number];

/** Result of the "distributed-training" lab. */
export type DistributedTrainingResult = {
  /** The memory estimate of one replica and the strategy it implies. */
  memory: {
    parameters: number;
    precision: string;
    optimizer: string;
    bytesPerParameter: number;
    weightsGib: number;
    gradientsGib: number;
    optimizerStateGib: number;
    masterWeightsGib: number;
    modelStateGib: number;
    activationGib: number;
    totalPerDeviceGib: number;
    usableDeviceGib: number;
    minDevicesForModelState: number;
    maxBatchSizePerDevice: number;
    fitsOnOneDevice: boolean;
    strategy: ParallelismStrategy;
    reasons: string[];
  };
  /**
   * Time of one pass over the training examples at the assumed
   * per-device throughput, ignoring communication: an estimate.
   */
  throughput: {
    trainingExamples: number;
    examplesPerSecondPerDevice: number;
    devices: number;
    epochHoursOneDevice: number;
    epochHours: number;
    /**
     * Gradient bytes each device sends per step in a ring all-reduce,
     * 2·(N − 1)/N × parameters × bytes per gradient value, in GiB.
     */
    allReduceGibPerDevicePerStep: number;
  };
  /** Logistic regression by SGD on the CTR data, one worker against K. */
  simulation: {
    workers: number;
    rows: number;
    /** Mean training log loss after each epoch, by run. */
    lossCurves: Record<SgdRun, { epoch: number; loss: number }[]>;
    batchSize: Record<SgdRun, number>;
    learningRate: Record<SgdRun, number>;
    stepsPerEpoch: Record<SgdRun, number>;
    /** fp32 bytes each worker sends per step in a ring all-reduce. */
    bytesPerWorkerPerStep: number;
    /**
     * Largest per-epoch loss difference between K workers averaging
     * gradients and one worker on the same global batch: zero up to
     * floating-point summation order.
     */
    maxLossDifferenceSameBatch: number;
  };
};

/**
 * Drill 4 hands-on. Part one estimates the training memory of one model
 * replica (500M parameters, fp32 weights, Adam by default) and the
 * parallelism it calls for, and how long one pass over 10B examples takes
 * at an assumed throughput. Part two simulates synchronous data-parallel
 * SGD: K workers each take batchPerWorker rows, and the averaged gradient
 * makes one step with batch K × batchPerWorker. It is compared with one
 * worker on batchPerWorker rows per step, and with K workers using the
 * linear learning-rate scaling rule (rate × K; Goyal et al., "Accurate,
 * Large Minibatch SGD", 2017). Features are standardized on the data.
 */
export const distributedTraining: LabDefinition<
  typeof distributedTrainingParams,
  DistributedTrainingResult
> = {
  slug: "distributed-training",
  title: "Distributed training of a 500M-parameter model on 10B examples",
  summary:
    "Does one replica fit on a device, and what averaging gradients over K workers does to the loss curve.",
  paramsSchema: distributedTrainingParams,
  defaults: distributedTrainingParams.parse({}),

  run(params, onProgress) {
    onProgress({ fraction: 0, stage: "Estimating memory" });
    const estimate = estimateTrainingMemory({
      parameters: params.parameters,
      precision: params.precision,
      optimizer: params.optimizer,
      batchSizePerDevice: params.batchSizePerDevice,
      activationBytesPerExample: params.activationMibPerExample * mib,
      deviceMemoryBytes: params.deviceMemoryGib * gib,
      devices: params.devices,
    });
    const memory = {
      parameters: params.parameters,
      precision: params.precision,
      optimizer: params.optimizer,
      bytesPerParameter: estimate.modelStateBytes / params.parameters,
      weightsGib: estimate.weightsBytes / gib,
      gradientsGib: estimate.gradientsBytes / gib,
      optimizerStateGib: estimate.optimizerStateBytes / gib,
      masterWeightsGib: estimate.masterWeightsBytes / gib,
      modelStateGib: estimate.modelStateBytes / gib,
      activationGib: estimate.activationBytes / gib,
      totalPerDeviceGib: estimate.totalPerDeviceBytes / gib,
      usableDeviceGib: estimate.usableDeviceBytes / gib,
      minDevicesForModelState: estimate.minDevicesForModelState,
      maxBatchSizePerDevice: estimate.maxBatchSizePerDevice,
      fitsOnOneDevice: estimate.maxBatchSizePerDevice >= 1,
      strategy: estimate.strategy,
      reasons: estimate.reasons,
    };
    const secondsOneDevice =
      params.trainingExamples / params.examplesPerSecondPerDevice;
    const throughput = {
      trainingExamples: params.trainingExamples,
      examplesPerSecondPerDevice: params.examplesPerSecondPerDevice,
      devices: params.devices,
      epochHoursOneDevice: secondsOneDevice / 3600,
      epochHours: secondsOneDevice / params.devices / 3600,
      allReduceGibPerDevicePerStep:
        (((2 * (params.devices - 1)) / params.devices) *
          params.parameters *
          (params.precision === "fp32" ? 4 : 2)) /
        gib,
    };
    onProgress({
      fraction: 0.05,
      stage: "Training on one worker",
      partial: {
        key: "memory",
        value: { ...memory, reasons: [...memory.reasons] },
      },
    });

    const data = generateCtr({
      rows: params.rows,
      seed: params.seed,
      clickKeepRate: 1,
    });
    const [x] = standardizeColumns(data.x);
    const globalBatch = params.workers * params.batchPerWorker;
    if (globalBatch > params.rows) {
      throw new RangeError(
        `workers × batchPerWorker is ${globalBatch}, more than the ${params.rows} rows; lower one of them or raise rows.`,
      );
    }
    const common = { epochs: params.epochs, randomState: params.seed };
    const settings: Record<SgdRun, { batch: number; learningRate: number }> = {
      single_worker: {
        batch: params.batchPerWorker,
        learningRate: params.learningRate,
      },
      data_parallel: { batch: globalBatch, learningRate: params.learningRate },
      data_parallel_scaled_lr: {
        batch: globalBatch,
        learningRate: params.learningRate * params.workers,
      },
    };

    // Work is the same per epoch for every run: one gradient per row.
    const lossCurves = {} as Record<SgdRun, { epoch: number; loss: number }[]>;
    let bytesPerWorkerPerStep = 0;
    let dataParallelLoss: Float64Array | null = null;
    for (const [index, run] of sgdRuns.entries()) {
      const { batch, learningRate } = settings[run];
      const options = { ...common, globalBatchSize: batch, learningRate };
      const result =
        run === "single_worker"
          ? trainLargeBatchSgd(x, data.y, options)
          : trainDataParallelSgd(x, data.y, {
              ...options,
              workers: params.workers,
            });
      if (run === "data_parallel") {
        bytesPerWorkerPerStep = result.bytesPerWorkerPerStep;
        dataParallelLoss = result.lossHistory;
      }
      lossCurves[run] = Array.from(result.lossHistory, (loss, epoch) => ({
        epoch: epoch + 1,
        loss,
      }));
      onProgress({
        fraction: 0.05 + (0.85 * (index + 1)) / sgdRuns.length,
        stage:
          index + 1 < sgdRuns.length
            ? "Training data-parallel"
            : "Checking equivalence",
        partial: { key: run, value: lossCurves[run] },
      });
    }

    // One worker on the whole global batch takes the same steps as K
    // workers averaging their gradients.
    const sameBatch = trainLargeBatchSgd(x, data.y, {
      ...common,
      globalBatchSize: globalBatch,
      learningRate: params.learningRate,
    });
    let maxLossDifferenceSameBatch = 0;
    for (let epoch = 0; epoch < params.epochs; epoch++) {
      maxLossDifferenceSameBatch = Math.max(
        maxLossDifferenceSameBatch,
        Math.abs(sameBatch.lossHistory[epoch] - dataParallelLoss![epoch]),
      );
    }
    onProgress({ fraction: 1, stage: "Done" });

    const stepsPerEpoch = {} as Record<SgdRun, number>;
    const batchSize = {} as Record<SgdRun, number>;
    const learningRate = {} as Record<SgdRun, number>;
    for (const run of sgdRuns) {
      stepsPerEpoch[run] = Math.ceil(params.rows / settings[run].batch);
      batchSize[run] = settings[run].batch;
      learningRate[run] = settings[run].learningRate;
    }
    return {
      memory,
      throughput,
      simulation: {
        workers: params.workers,
        rows: params.rows,
        lossCurves,
        batchSize,
        learningRate,
        stepsPerEpoch,
        bytesPerWorkerPerStep,
        maxLossDifferenceSameBatch,
      },
    };
  },

  rules: {
    /** The strategy of the memory estimate, e.g. "data-parallel". */
    "parallelism-strategy": (result) => result.memory.strategy,

    /** "yes" when one replica and one example's activations fit on a device. */
    "replica-fits-on-one-device": (result) =>
      result.memory.fitsOnOneDevice ? "yes" : "no",

    /**
     * "yes" when, after the last epoch, K workers with the learning rate
     * scaled by K reach a lower training loss than K workers without it.
     */
    "scaled-learning-rate-helps": (result) => {
      const last = (run: SgdRun) =>
        result.simulation.lossCurves[run].at(-1)!.loss;
      return last("data_parallel_scaled_lr") < last("data_parallel")
        ? "yes"
        : "no";
    },
  },
};
