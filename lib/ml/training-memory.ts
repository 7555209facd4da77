import { assertInRange } from "./validate";

/** Numeric format of weights and gradients during training. */
export type TrainingPrecision = "fp32" | "bf16" | "mixed";

/** Optimizer, by the number of per-parameter states it keeps. */
export type OptimizerKind = "sgd" | "momentum" | "adam";

/** Input of {@link estimateTrainingMemory}. */
export interface TrainingMemoryInput {
  /** Number of trainable parameters. */
  parameters: number;
  /**
   * "fp32": everything in 4 bytes. "bf16": weights, gradients and optimizer
   * states in 2 bytes. "mixed": bf16 weights and gradients, fp32 master
   * weights and fp32 optimizer states.
   */
  precision: TrainingPrecision;
  optimizer: OptimizerKind;
  /** Examples per device per step. */
  batchSizePerDevice: number;
  /** Activation memory one example needs in the forward and backward pass, bytes. */
  activationBytesPerExample: number;
  /** Memory of one device, bytes. */
  deviceMemoryBytes: number;
  /** Devices available, default 1. */
  devices?: number;
  /**
   * Share of device memory kept free for the runtime and fragmentation,
   * default 0.1 (a rule of thumb, not a measurement).
   */
  reservedFraction?: number;
}

/** Parallelism the estimate recommends. */
export type ParallelismStrategy =
  "data-parallel" | "sharded-data-parallel" | "model-parallel";

/** Output of {@link estimateTrainingMemory}; all sizes in bytes. */
export interface TrainingMemoryEstimate {
  weightsBytes: number;
  gradientsBytes: number;
  optimizerStateBytes: number;
  /** fp32 copy of the weights under mixed precision, else 0. */
  masterWeightsBytes: number;
  /** Weights + gradients + optimizer states + master weights. */
  modelStateBytes: number;
  activationBytes: number;
  /** Model states + activations on one device without sharding. */
  totalPerDeviceBytes: number;
  /** Device memory minus the reserved share. */
  usableDeviceBytes: number;
  /** Fewest devices whose usable memory fits the model states alone. */
  minDevicesForModelState: number;
  /** Largest per-device batch that fits beside full model states (0 if none). */
  maxBatchSizePerDevice: number;
  strategy: ParallelismStrategy;
  reasons: string[];
}

const BYTES: Record<"fp32" | "bf16", number> = { fp32: 4, bf16: 2 };
const OPTIMIZER_STATES: Record<OptimizerKind, number> = {
  sgd: 0,
  momentum: 1,
  adam: 2,
};

function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

/**
 * Estimates training memory and recommends a parallelism strategy.
 *
 * Model states per parameter (as in Rajbhandari et al., "ZeRO: Memory
 * Optimizations Toward Training Trillion Parameter Models", 2020): fp32
 * Adam is 4 + 4 + 8 = 16 bytes; mixed-precision Adam is 2 (bf16 weights)
 * + 2 (bf16 gradients) + 4 (fp32 master) + 8 (fp32 Adam) = 16 bytes; pure
 * bf16 Adam is 2 + 2 + 4 = 8 bytes. Activations are batch size × bytes per
 * example.
 *
 * Strategy: if the model states and at least one example's activations fit
 * on one device, replicate the model and split the data (data-parallel).
 * If they do not fit on one device but fit when the states are sharded
 * over the available devices (ZeRO-3 / FSDP), sharded-data-parallel.
 * Otherwise split the model itself over devices (tensor or pipeline
 * model parallelism).
 * @throws RangeError for a non-positive parameter count, device memory or
 * device count, a negative batch or activation size, an unknown precision
 * or optimizer, or reservedFraction outside [0, 1).
 */
export function estimateTrainingMemory(
  input: TrainingMemoryInput,
): TrainingMemoryEstimate {
  const devices = input.devices ?? 1;
  const reservedFraction = input.reservedFraction ?? 0.1;
  assertInRange("parameters", input.parameters, 1, 1e15, { integer: true });
  assertInRange("batchSizePerDevice", input.batchSizePerDevice, 0, 1e9, {
    integer: true,
  });
  assertInRange(
    "activationBytesPerExample",
    input.activationBytesPerExample,
    0,
    1e15,
  );
  assertInRange("deviceMemoryBytes", input.deviceMemoryBytes, 0, 1e15, {
    minExclusive: true,
  });
  assertInRange("devices", devices, 1, 1e6, { integer: true });
  assertInRange("reservedFraction", reservedFraction, 0, 1, {
    maxExclusive: true,
  });
  if (!["fp32", "bf16", "mixed"].includes(input.precision)) {
    throw new RangeError(
      `precision must be "fp32", "bf16" or "mixed", got ${String(input.precision)}.`,
    );
  }
  if (!["sgd", "momentum", "adam"].includes(input.optimizer)) {
    throw new RangeError(
      `optimizer must be "sgd", "momentum" or "adam", got ${String(input.optimizer)}.`,
    );
  }

  const p = input.parameters;
  const trainingBytes = input.precision === "fp32" ? BYTES.fp32 : BYTES.bf16;
  const stateBytes = input.precision === "bf16" ? BYTES.bf16 : BYTES.fp32;
  const weightsBytes = p * trainingBytes;
  const gradientsBytes = p * trainingBytes;
  const optimizerStateBytes =
    p * OPTIMIZER_STATES[input.optimizer] * stateBytes;
  const masterWeightsBytes = input.precision === "mixed" ? p * BYTES.fp32 : 0;
  const modelStateBytes =
    weightsBytes + gradientsBytes + optimizerStateBytes + masterWeightsBytes;
  const activationBytes =
    input.batchSizePerDevice * input.activationBytesPerExample;
  const usableDeviceBytes = input.deviceMemoryBytes * (1 - reservedFraction);
  const minDevicesForModelState = Math.ceil(
    modelStateBytes / usableDeviceBytes,
  );
  const freeAfterStates = usableDeviceBytes - modelStateBytes;
  const maxBatchSizePerDevice =
    freeAfterStates <= 0
      ? 0
      : input.activationBytesPerExample === 0
        ? Number.POSITIVE_INFINITY
        : Math.floor(freeAfterStates / input.activationBytesPerExample);

  const reasons: string[] = [
    `model states take ${formatGiB(modelStateBytes)} (${modelStateBytes / p} bytes per parameter); ` +
      `activations take ${formatGiB(activationBytes)} per device; ` +
      `a device has ${formatGiB(usableDeviceBytes)} usable.`,
  ];
  let strategy: ParallelismStrategy;
  if (maxBatchSizePerDevice >= 1) {
    strategy = "data-parallel";
    reasons.push(
      "A full replica fits on one device, so replicate the model and split each global batch across devices; gradients are averaged by an all-reduce each step.",
    );
    if (maxBatchSizePerDevice < input.batchSizePerDevice) {
      reasons.push(
        `The per-device batch of ${input.batchSizePerDevice} does not fit; use at most ${maxBatchSizePerDevice} per device with gradient accumulation or activation checkpointing.`,
      );
    }
  } else {
    const shardedStates = modelStateBytes / devices;
    const shardedFits =
      devices > 1 &&
      shardedStates +
        input.activationBytesPerExample *
          Math.max(1, input.batchSizePerDevice) <=
        usableDeviceBytes;
    if (shardedFits) {
      strategy = "sharded-data-parallel";
      reasons.push(
        `A replica does not fit, but sharding weights, gradients and optimizer states over ${devices} devices (ZeRO-3 / FSDP) leaves ${formatGiB(shardedStates)} of states per device.`,
      );
    } else {
      strategy = "model-parallel";
      reasons.push(
        `The model states need at least ${minDevicesForModelState} devices; split the layers (pipeline parallelism) or the tensors (tensor parallelism) across devices, and add data parallelism across groups of devices.`,
      );
    }
  }

  return {
    weightsBytes,
    gradientsBytes,
    optimizerStateBytes,
    masterWeightsBytes,
    modelStateBytes,
    activationBytes,
    totalPerDeviceBytes: modelStateBytes + activationBytes,
    usableDeviceBytes,
    minDevicesForModelState,
    maxBatchSizePerDevice,
    strategy,
    reasons,
  };
}
