/**
 * Lab runs through the pg-boss queue against real PostgreSQL: the runner
 * with QueueLabExecutor, a worker consuming the queue, results equal to an
 * in-process run, progress over NOTIFY, the time limit, cancellation, a
 * worker process killed mid-run, and the LAB_EXECUTOR selection.
 */
import { spawn } from "node:child_process";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  LabCancelledError,
  LabTimeoutError,
  LabWorkerError,
} from "@/lib/labs/errors";
import {
  QueueLabExecutor,
  configuredLabExecutor,
  labQueueName,
} from "@/lib/labs/queue-executor";
import { getLabDefinition, parseLabParams } from "@/lib/labs/registry";
import { startLabRun } from "@/lib/labs/runner";
import type { LabProgress } from "@/lib/labs/types";

import {
  startLabQueueWorker,
  type LabQueueWorker,
} from "../../scripts/lab-queue-worker";
import { prisma, resetDatabase } from "./helpers/db";

const lab = "ctr-baseline-vs-lr";
const connectionString = process.env.DATABASE_URL!;

let executor: QueueLabExecutor;
let worker: LabQueueWorker;

/** Drops measured timings (fields ending in "Milliseconds"), the only nondeterministic part of a result. */
function withoutTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.endsWith("Milliseconds"))
        .map(([key, child]) => [key, withoutTimings(child)]),
    );
  }
  return value;
}

function options(
  overrides: Partial<Parameters<QueueLabExecutor["execute"]>[1]> = {},
) {
  return {
    signal: new AbortController().signal,
    timeLimitMs: 30_000,
    onProgress: () => {},
    ...overrides,
  };
}

beforeAll(async () => {
  executor = new QueueLabExecutor({ connectionString, pollIntervalMs: 100 });
  worker = await startLabQueueWorker({ connectionString, concurrency: 1 });
});

afterAll(async () => {
  await worker?.stop(5_000);
  await executor?.close();
  await prisma.$disconnect();
});

beforeEach(async () => {
  await resetDatabase();
});

describe("lab queue executor", () => {
  it("runs a lab through the runner and stores it", async () => {
    const user = await prisma.user.create({
      data: { email: `queue-${Date.now()}@example.test` },
    });
    const params = { rows: 2_000, seed: 7 };
    const started = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params,
      executor,
    });
    expect(started.run.status).toBe("RUNNING");

    const finished = await started.completion;
    expect(finished.error ?? null).toBeNull();
    expect(finished.status).toBe("SUCCEEDED");
    const row = await prisma.labRun.findUniqueOrThrow({
      where: { id: started.run.id },
    });
    expect(row.status).toBe("SUCCEEDED");

    const parsed = parseLabParams(lab, params);
    const reference = getLabDefinition(lab).run(parsed, () => {});
    expect(withoutTimings(row.result)).toEqual(
      withoutTimings(JSON.parse(JSON.stringify(reference))),
    );
  });

  it("reports start and progress over NOTIFY", async () => {
    const progress: LabProgress[] = [];
    let startedCalls = 0;
    const result = await executor.execute(
      { lab, params: parseLabParams(lab, { rows: 3_000 }) },
      options({
        onProgress: (report) => progress.push(report),
        onStart: () => (startedCalls += 1),
      }),
    );
    expect(result).not.toBeNull();
    expect(startedCalls).toBe(1);
    expect(progress.length).toBeGreaterThan(0);
    for (const report of progress) {
      expect(report.fraction).toBeGreaterThanOrEqual(0);
      expect(report.fraction).toBeLessThanOrEqual(1);
    }
  });

  it("stops a run past its time limit", async () => {
    const run = executor.execute(
      { lab, params: parseLabParams(lab, { rows: 100_000 }) },
      options({ timeLimitMs: 20 }),
    );
    await expect(run).rejects.toBeInstanceOf(LabTimeoutError);
    await expect(run).rejects.toThrow(/timed out after 0.02 s/);
  });

  it("cancels a running job", async () => {
    const controller = new AbortController();
    const run = executor.execute(
      { lab, params: parseLabParams(lab, { rows: 100_000 }) },
      options({ signal: controller.signal, onStart: () => controller.abort() }),
    );
    await expect(run).rejects.toBeInstanceOf(LabCancelledError);

    const jobs = await worker.boss.findJobs(labQueueName, { limit: 100_000 });
    const cancelled = jobs.filter((job) => job.state === "cancelled");
    expect(cancelled.length).toBeGreaterThan(0);
  });

  it("fails the run when its worker process dies", async () => {
    // A second worker in its own process, then this process's worker stops
    // so the job can only go to the child.
    await worker.stop(5_000);
    const child = spawn("npx", ["tsx", "scripts/lab-queue-worker.ts"], {
      env: { ...process.env, LAB_QUEUE_CONCURRENCY: "1", LOG_LEVEL: "warn" },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    });
    try {
      const started = Date.now();
      const run = executor.execute(
        { lab, params: parseLabParams(lab, { rows: 100_000, seed: 3 }) },
        options({
          timeLimitMs: 55_000,
          onStart: () => process.kill(-child.pid!, "SIGKILL"),
        }),
      );
      await expect(run).rejects.toBeInstanceOf(LabWorkerError);
      await expect(run).rejects.toThrow(/stopped responding/);
      expect(Date.now() - started).toBeLessThan(50_000);
    } finally {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
      worker = await startLabQueueWorker({ connectionString, concurrency: 1 });
    }
  }, 90_000);
});

describe("LAB_EXECUTOR", () => {
  it("selects the pool by default and for pool", () => {
    expect(configuredLabExecutor({})).toBeUndefined();
    expect(configuredLabExecutor({ LAB_EXECUTOR: "pool" })).toBeUndefined();
  });

  it("selects the queue for queue", () => {
    const selected = configuredLabExecutor({
      LAB_EXECUTOR: "queue",
      DATABASE_URL: connectionString,
    });
    expect(selected).toBeInstanceOf(QueueLabExecutor);
  });

  it("rejects other values by name", () => {
    expect(() => configuredLabExecutor({ LAB_EXECUTOR: "threads" })).toThrow(
      /"threads".*"pool".*"queue"/,
    );
    expect(() => configuredLabExecutor({ LAB_EXECUTOR: "queue" })).toThrow(
      /DATABASE_URL/,
    );
  });
});
