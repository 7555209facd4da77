import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  LabBusyError,
  LabCancelledError,
  LabTimeoutError,
  LabWorkerError,
} from "../../../lib/labs/errors";
import { LabPool } from "../../../lib/labs/pool";
import type { LabProgress } from "../../../lib/labs/types";

const faultWorker = path.join(import.meta.dirname, "fixtures/fault-worker.ts");
const tsx = ["--import", "tsx"];

function options(
  overrides: { timeLimitMs?: number; signal?: AbortSignal } = {},
) {
  const progress: LabProgress[] = [];
  return {
    progress,
    signal: overrides.signal ?? new AbortController().signal,
    timeLimitMs: overrides.timeLimitMs ?? 10_000,
    onProgress: (event: LabProgress) => progress.push(event),
  };
}

describe("LabPool", () => {
  let pool: LabPool;

  beforeAll(() => {
    pool = new LabPool({ workerFile: faultWorker, execArgv: tsx, threads: 2 });
  });

  afterAll(async () => {
    await pool.close();
  });

  it("runs a task and returns its result", async () => {
    const result = await pool.execute(
      { lab: "echo", params: { rows: 10 } },
      options(),
    );

    expect(result).toMatchObject({ lab: "echo", params: { rows: 10 } });
  });

  it("delivers progress in order", async () => {
    const run = options();
    await pool.execute({ lab: "progress", params: { steps: 6 } }, run);
    // The last message may trail the result on its own port.
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(run.progress.length).toBeGreaterThanOrEqual(5);
    const fractions = run.progress.map((event) => event.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(run.progress[0].partial).toEqual({ key: "step-1", value: 1 });
  });

  it("stops a run at its time limit and keeps serving", async () => {
    const started = performance.now();
    const failure = pool.execute(
      { lab: "spin", params: { milliseconds: 30_000 } },
      options({ timeLimitMs: 300 }),
    );

    await expect(failure).rejects.toBeInstanceOf(LabTimeoutError);
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect(
      pool.execute({ lab: "echo", params: {} }, options()),
    ).resolves.toMatchObject({ lab: "echo" });
  });

  it("cancels a running task", async () => {
    const controller = new AbortController();
    const failure = pool.execute(
      { lab: "spin", params: { milliseconds: 30_000 } },
      options({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 200);

    await expect(failure).rejects.toBeInstanceOf(LabCancelledError);
    await expect(
      pool.execute({ lab: "echo", params: {} }, options()),
    ).resolves.toMatchObject({ lab: "echo" });
  });

  it("reports a crashed worker and replaces it", async () => {
    const failure = pool.execute({ lab: "exit", params: {} }, options());

    await expect(failure).rejects.toBeInstanceOf(LabWorkerError);
    await expect(failure).rejects.toThrow(/exited with code: 3/);
    await expect(
      pool.execute({ lab: "echo", params: {} }, options()),
    ).resolves.toMatchObject({ lab: "echo" });
  });

  it("passes the worker's error message on", async () => {
    const failure = pool.execute({ lab: "throw", params: {} }, options());

    await expect(failure).rejects.toBeInstanceOf(LabWorkerError);
    await expect(failure).rejects.toThrow(
      "rows must be between 1,000 and 100,000",
    );
  });
});

describe("LabPool limits", () => {
  it("fails a worker that passes its heap limit", async () => {
    const pool = new LabPool({
      workerFile: faultWorker,
      execArgv: tsx,
      threads: 1,
      maxHeapMb: 64,
    });
    try {
      const failure = pool.execute({ lab: "heap", params: {} }, options());

      await expect(failure).rejects.toBeInstanceOf(LabWorkerError);
      await expect(failure).rejects.toThrow(/memory/i);
      await expect(
        pool.execute({ lab: "echo", params: {} }, options()),
      ).resolves.toMatchObject({ lab: "echo" });
    } finally {
      await pool.close();
    }
  });

  it("rejects runs past a full queue as busy", async () => {
    const pool = new LabPool({
      workerFile: faultWorker,
      execArgv: tsx,
      threads: 1,
      maxQueue: 1,
    });
    try {
      const spin = { lab: "spin", params: { milliseconds: 1_000 } };
      const running = pool.execute(spin, options());
      await new Promise((resolve) => setTimeout(resolve, 200));
      const queued = pool.execute(spin, options());
      const refused = pool.execute(spin, options());

      await expect(refused).rejects.toBeInstanceOf(LabBusyError);
      await expect(running).resolves.toEqual({ spun: 1_000 });
      await expect(queued).resolves.toEqual({ spun: 1_000 });
    } finally {
      await pool.close();
    }
  });

  it("starts the time limit when a queued run starts", async () => {
    const pool = new LabPool({
      workerFile: faultWorker,
      execArgv: tsx,
      threads: 1,
    });
    try {
      const spin = { lab: "spin", params: { milliseconds: 600 } };
      const first = pool.execute(spin, options({ timeLimitMs: 1_500 }));
      const second = pool.execute(spin, options({ timeLimitMs: 1_500 }));
      const third = pool.execute(spin, options({ timeLimitMs: 1_500 }));

      // The third run ends about 1.8 s after it was queued, past its 1.5 s
      // limit, but it ran for only 0.6 s.
      await expect(Promise.all([first, second, third])).resolves.toHaveLength(
        3,
      );
    } finally {
      await pool.close();
    }
  });

  it("names the build command when the worker file is missing", () => {
    expect(
      () => new LabPool({ workerFile: "/nonexistent/lab-worker.mjs" }),
    ).toThrow("npm run build:worker");
  });
});
