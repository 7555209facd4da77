import { describe, expect, it } from "vitest";

import {
  estimateTrainingMemory,
  trainDataParallelSgd,
  trainLargeBatchSgd,
} from "@/lib/ml/distributed";
import { RandomState } from "@/lib/ml/random";
import type { Matrix } from "@/lib/ml/types";

const GIB = 2 ** 30;

function syntheticData(rows: number): { x: Matrix; y: Uint8Array } {
  const random = new RandomState(8);
  const cols = 4;
  const data = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let logit = -0.5;
    for (let j = 0; j < cols; j++) {
      data[i * cols + j] = random.normal();
      logit += (j + 1) * 0.4 * data[i * cols + j];
    }
    y[i] = random.randomSample() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x: { rows, cols, data }, y };
}

describe("data-parallel SGD", () => {
  const { x, y } = syntheticData(2000);
  const options = {
    globalBatchSize: 128,
    learningRate: 0.5,
    epochs: 5,
    l2: 1e-3,
    randomState: 3,
  };

  it.each([1, 2, 4, 8, 7])("%i workers equal one large batch", (workers) => {
    const single = trainLargeBatchSgd(x, y, options);
    const parallel = trainDataParallelSgd(x, y, { ...options, workers });
    expect(parallel.steps).toBe(single.steps);
    let maxDifference = 0;
    for (let j = 0; j < single.parameters.length; j++) {
      maxDifference = Math.max(
        maxDifference,
        Math.abs(parallel.parameters[j] - single.parameters[j]),
      );
    }
    expect(maxDifference).toBeLessThan(1e-12);
  });

  it("loss decreases", () => {
    const result = trainDataParallelSgd(x, y, { ...options, workers: 4 });
    expect(result.lossHistory[4]).toBeLessThan(result.lossHistory[0]);
    expect(result.lossHistory[4]).toBeLessThan(Math.log(2));
  });

  it("reports ring all-reduce traffic", () => {
    const result = trainDataParallelSgd(x, y, { ...options, workers: 4 });
    expect(result.bytesPerWorkerPerStep).toBe((2 * 3 * 5 * 4) / 4);
  });

  it("rejects bad options", () => {
    expect(() =>
      trainDataParallelSgd(x, y, { ...options, workers: 0 }),
    ).toThrow(/workers/);
    expect(() =>
      trainDataParallelSgd(x, y, { ...options, workers: 200 }),
    ).toThrow(/workers/);
    expect(() =>
      trainLargeBatchSgd(x, y, { ...options, learningRate: 0 }),
    ).toThrow(/learningRate/);
    expect(() =>
      trainLargeBatchSgd(x, y, { ...options, globalBatchSize: 5000 }),
    ).toThrow(/globalBatchSize/);
  });
});

describe("estimateTrainingMemory", () => {
  it("500M parameters fp32 Adam need 16 bytes each", () => {
    const estimate = estimateTrainingMemory({
      parameters: 500e6,
      precision: "fp32",
      optimizer: "adam",
      batchSizePerDevice: 256,
      activationBytesPerExample: 4 * 2 ** 20,
      deviceMemoryBytes: 80 * GIB,
    });
    expect(estimate.weightsBytes).toBe(2e9);
    expect(estimate.gradientsBytes).toBe(2e9);
    expect(estimate.optimizerStateBytes).toBe(4e9);
    expect(estimate.modelStateBytes).toBe(8e9);
    expect(estimate.activationBytes).toBe(256 * 4 * 2 ** 20);
    expect(estimate.strategy).toBe("data-parallel");
  });

  it("mixed precision keeps fp32 master weights", () => {
    const estimate = estimateTrainingMemory({
      parameters: 1000,
      precision: "mixed",
      optimizer: "adam",
      batchSizePerDevice: 1,
      activationBytesPerExample: 0,
      deviceMemoryBytes: GIB,
    });
    expect(estimate.weightsBytes).toBe(2000);
    expect(estimate.masterWeightsBytes).toBe(4000);
    expect(estimate.optimizerStateBytes).toBe(8000);
    expect(estimate.modelStateBytes).toBe(16000);
  });

  it("pure bf16 halves everything", () => {
    const estimate = estimateTrainingMemory({
      parameters: 1000,
      precision: "bf16",
      optimizer: "momentum",
      batchSizePerDevice: 1,
      activationBytesPerExample: 0,
      deviceMemoryBytes: GIB,
    });
    expect(estimate.modelStateBytes).toBe(2000 + 2000 + 2000);
  });

  it("shards states when a replica does not fit", () => {
    const estimate = estimateTrainingMemory({
      parameters: 7e9,
      precision: "mixed",
      optimizer: "adam",
      batchSizePerDevice: 4,
      activationBytesPerExample: 2 * GIB,
      deviceMemoryBytes: 80 * GIB,
      devices: 8,
    });
    expect(estimate.strategy).toBe("sharded-data-parallel");
    expect(estimate.maxBatchSizePerDevice).toBe(0);
  });

  it("splits the model when sharding is not enough", () => {
    const estimate = estimateTrainingMemory({
      parameters: 70e9,
      precision: "mixed",
      optimizer: "adam",
      batchSizePerDevice: 1,
      activationBytesPerExample: GIB,
      deviceMemoryBytes: 80 * GIB,
      devices: 4,
    });
    expect(estimate.strategy).toBe("model-parallel");
    expect(estimate.minDevicesForModelState).toBe(
      Math.ceil((70e9 * 16) / (80 * GIB * 0.9)),
    );
  });

  it("caps the per-device batch", () => {
    const estimate = estimateTrainingMemory({
      parameters: 1e9,
      precision: "fp32",
      optimizer: "adam",
      batchSizePerDevice: 1000,
      activationBytesPerExample: 100 * 2 ** 20,
      deviceMemoryBytes: 40 * GIB,
      reservedFraction: 0,
    });
    expect(estimate.strategy).toBe("data-parallel");
    expect(estimate.maxBatchSizePerDevice).toBe(
      Math.floor((40 * GIB - 16e9) / (100 * 2 ** 20)),
    );
    expect(estimate.reasons.join(" ")).toMatch(/gradient accumulation/);
  });

  it("rejects bad input", () => {
    const base = {
      parameters: 10,
      precision: "fp32" as const,
      optimizer: "adam" as const,
      batchSizePerDevice: 1,
      activationBytesPerExample: 1,
      deviceMemoryBytes: GIB,
    };
    expect(() => estimateTrainingMemory({ ...base, parameters: 0 })).toThrow(
      /parameters/,
    );
    expect(() =>
      estimateTrainingMemory({ ...base, deviceMemoryBytes: -1 }),
    ).toThrow(/deviceMemoryBytes/);
    expect(() =>
      estimateTrainingMemory({ ...base, precision: "fp8" as never }),
    ).toThrow(/precision/);
    expect(() =>
      estimateTrainingMemory({ ...base, optimizer: "toString" as never }),
    ).toThrow(/optimizer/);
    expect(() =>
      estimateTrainingMemory({ ...base, reservedFraction: 1 }),
    ).toThrow(/reservedFraction/);
  });
});
