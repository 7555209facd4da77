import { describe, expect, it } from "vitest";

import {
  distributedTraining,
  sgdRuns,
  type DistributedTrainingResult,
} from "../../../lib/labs/definitions/distributed-training";
import { standardizeColumns } from "../../../lib/labs/standardize";
import {
  expectPlainJson,
  expectProgressOrdered,
  paramsErrorMessages,
  runWithProgress,
} from "./lab-checks";

const gib = 2 ** 30;

describe("distributed-training at the drill's numbers", () => {
  const { result, progress } = runWithProgress<DistributedTrainingResult>(
    distributedTraining,
    {},
  );

  it("estimates 16 bytes per parameter for fp32 Adam", () => {
    const { memory } = result;
    // Weights 4 + gradients 4 + Adam's two moments 8.
    expect(memory.bytesPerParameter).toBe(16);
    expect(memory.modelStateGib).toBeCloseTo((500e6 * 16) / gib, 9);
    expect(
      memory.weightsGib + memory.gradientsGib + memory.optimizerStateGib,
    ).toBeCloseTo(memory.modelStateGib, 9);
    expect(memory.activationGib).toBeCloseTo((32 * 64) / 1024, 9);
  });

  it("recommends data parallelism for a replica that fits", () => {
    expect(result.memory.fitsOnOneDevice).toBe(true);
    expect(result.memory.strategy).toBe("data-parallel");
    expect(distributedTraining.rules["parallelism-strategy"](result)).toBe(
      "data-parallel",
    );
    expect(
      distributedTraining.rules["replica-fits-on-one-device"](result),
    ).toBe("yes");
  });

  it("estimates an epoch over 10B examples", () => {
    const { throughput } = result;
    expect(throughput.epochHoursOneDevice).toBeCloseTo(1e10 / 2_000 / 3600, 9);
    expect(throughput.epochHours).toBeCloseTo(
      throughput.epochHoursOneDevice / 8,
      9,
    );
    expect(throughput.allReduceGibPerDevicePerStep).toBeCloseTo(
      (((2 * 7) / 8) * 500e6 * 4) / gib,
      9,
    );
  });

  it("matches one worker on the same global batch", () => {
    expect(result.simulation.maxLossDifferenceSameBatch).toBeLessThan(1e-9);
  });

  it("shows K workers lagging until the learning rate scales", () => {
    const curves = result.simulation.lossCurves;
    for (const run of sgdRuns) expect(curves[run]).toHaveLength(10);
    const first = (run: (typeof sgdRuns)[number]) => curves[run][0].loss;
    expect(first("data_parallel")).toBeGreaterThan(first("single_worker"));
    expect(
      Math.abs(first("data_parallel_scaled_lr") - first("single_worker")),
    ).toBeLessThan(0.005);
    expect(result.simulation.stepsPerEpoch).toEqual({
      single_worker: 625,
      data_parallel: 79,
      data_parallel_scaled_lr: 79,
    });
    expect(
      distributedTraining.rules["scaled-learning-rate-helps"](result),
    ).toBe("yes");
  });

  it("reports progress and returns plain JSON", () => {
    expectProgressOrdered(progress);
    const keys = progress.flatMap((event) =>
      event.partial ? [event.partial.key] : [],
    );
    expect(keys).toEqual(["memory", ...sgdRuns]);
    expectPlainJson(result);
  });
});

describe("distributed-training memory cases", () => {
  const run = (params: Record<string, unknown>) =>
    runWithProgress<DistributedTrainingResult>(distributedTraining, {
      rows: 2_000,
      epochs: 1,
      ...params,
    }).result;

  it("halves the states in bf16", () => {
    expect(run({ precision: "bf16" }).memory.bytesPerParameter).toBe(8);
    expect(run({ precision: "mixed" }).memory.bytesPerParameter).toBe(16);
  });

  it("shards a model that does not fit on one device", () => {
    const sharded = run({ parameters: 20_000_000_000, devices: 64 });
    expect(sharded.memory.fitsOnOneDevice).toBe(false);
    expect(sharded.memory.strategy).toBe("sharded-data-parallel");
    expect(
      distributedTraining.rules["replica-fits-on-one-device"](sharded),
    ).toBe("no");

    const split = run({ parameters: 200_000_000_000, devices: 8 });
    expect(split.memory.strategy).toBe("model-parallel");
  });

  it("refuses a global batch larger than the data", () => {
    const params = distributedTraining.paramsSchema.parse({
      rows: 2_000,
      workers: 32,
      batchPerWorker: 512,
    });
    expect(() => distributedTraining.run(params, () => {})).toThrow(
      "workers × batchPerWorker is 16384, more than the 2000 rows; lower one of them or raise rows.",
    );
  });
});

describe("distributed-training parameters", () => {
  it("names each parameter and its range", () => {
    expect(paramsErrorMessages(distributedTraining, { workers: 1 })).toEqual([
      "workers must be between 2 and 32",
    ]);
    expect(
      paramsErrorMessages(distributedTraining, { precision: "fp8" }),
    ).toEqual(["precision must be one of: fp32, bf16, mixed"]);
    expect(
      paramsErrorMessages(distributedTraining, { parameters: 10 }),
    ).toEqual(["parameters must be between 1,000,000 and 1,000,000,000,000"]);
  });
});

describe("standardizeColumns", () => {
  it("uses the first matrix's mean and deviation for all", () => {
    const train = {
      rows: 4,
      cols: 2,
      data: Float64Array.from([1, 5, 2, 5, 3, 5, 4, 5]),
    };
    const test = { rows: 1, cols: 2, data: Float64Array.from([5, 7]) };
    const [scaledTrain, scaledTest] = standardizeColumns(train, test);
    const deviation = Math.sqrt(1.25);
    expect(Array.from(scaledTrain.data)).toEqual([
      -1.5 / deviation,
      0,
      -0.5 / deviation,
      0,
      0.5 / deviation,
      0,
      1.5 / deviation,
      0,
    ]);
    // The constant column is centred, not divided by zero.
    expect(Array.from(scaledTest.data)).toEqual([2.5 / deviation, 2]);
  });
});
