import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { ctrBaselineVsLr } from "../../../lib/labs/definitions/ctr-baseline-vs-lr";
import { LabWorkerError } from "../../../lib/labs/errors";
import { defaultLabPoolOptions, LabPool } from "../../../lib/labs/pool";
import {
  getLabDefinition,
  labSlugs,
  parseLabParams,
} from "../../../lib/labs/registry";
import type { LabProgress } from "../../../lib/labs/types";
import { buildLabWorker } from "../../../scripts/build-worker";

const params = { rows: 2_000, seed: 3 };

function runOptions(progress: LabProgress[] = []) {
  return {
    signal: new AbortController().signal,
    timeLimitMs: 30_000,
    onProgress: (event: LabProgress) => progress.push(event),
  };
}

describe("lab worker from source", () => {
  const pool = new LabPool({ ...defaultLabPoolOptions(), threads: 1 });

  afterAll(async () => {
    await pool.close();
  });

  it("uses the TypeScript source under Vitest", () => {
    const options = defaultLabPoolOptions();
    expect(
      options.workerFile.endsWith(path.join("lib", "labs", "worker.ts")),
    ).toBe(true);
    expect(options.execArgv).toEqual(["--import", "tsx"]);
  });

  it("runs a lab with the same result as in process", async () => {
    const progress: LabProgress[] = [];
    const parsed = ctrBaselineVsLr.paramsSchema.parse(params);
    const result = await pool.execute(
      { lab: ctrBaselineVsLr.slug, params: parsed },
      runOptions(progress),
    );

    expect(result).toEqual(ctrBaselineVsLr.run(parsed, () => {}));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(
      progress.some((event) => event.partial?.key === "baseline_popularity"),
    ).toBe(true);
  });

  it("runs every lab with small parameters", async () => {
    const small: Record<string, Record<string, unknown>> = {
      "ctr-baseline-vs-lr": { rows: 1_000 },
      "model-progression": { rows: 1_000, nEstimators: 5, boostingRounds: 5 },
      "class-imbalance": { rows: 20_000, fraudRate: 0.002 },
      "label-noise": { rows: 2_000 },
      "distributed-training": { rows: 2_000, epochs: 2 },
      "development-checklist": {
        rows: 2_000,
        clickKeepRate: 0.5,
        boostingRounds: 20,
      },
    };
    expect(Object.keys(small).sort()).toEqual([...labSlugs].sort());
    for (const lab of labSlugs) {
      const parsed = parseLabParams(lab, small[lab]);
      const result = (await pool.execute(
        { lab, params: parsed },
        runOptions(),
      )) as Record<string, unknown>;
      const expected = getLabDefinition(lab).run(parsed, () => {}) as Record<
        string,
        unknown
      >;
      // Measured fit times differ between runs; everything else must not.
      expect({ ...result, fitMilliseconds: null }, lab).toEqual({
        ...expected,
        fitMilliseconds: null,
      });
    }
  }, 60_000);

  it("reports invalid parameters from the worker", async () => {
    const failure = pool.execute(
      { lab: ctrBaselineVsLr.slug, params: { rows: 5, seed: 1 } },
      runOptions(),
    );

    await expect(failure).rejects.toBeInstanceOf(LabWorkerError);
    await expect(failure).rejects.toThrow(
      "rows must be between 1,000 and 100,000",
    );
  });

  it("reports an unknown lab from the worker", async () => {
    await expect(
      pool.execute({ lab: "no-such-lab", params: {} }, runOptions()),
    ).rejects.toThrow('Unknown lab "no-such-lab"');
  });
});

describe("bundled lab worker", () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), "lab-worker-"));

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it("builds and runs a lab", async () => {
    const workerFile = path.join(directory, "lab-worker.mjs");
    const bytes = await buildLabWorker(workerFile);
    expect(bytes).toBeGreaterThan(10_000);

    const pool = new LabPool({ workerFile, threads: 1 });
    try {
      const parsed = ctrBaselineVsLr.paramsSchema.parse(params);
      const result = await pool.execute(
        { lab: ctrBaselineVsLr.slug, params: parsed },
        runOptions(),
      );
      expect(result).toEqual(ctrBaselineVsLr.run(parsed, () => {}));
    } finally {
      await pool.close();
    }
  });
});
