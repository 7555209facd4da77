import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";

import {
  LabCancelledError,
  LabLimitError,
  LabParamsError,
  LabWorkerError,
} from "@/lib/labs/errors";
import type { LabExecutionOptions, LabExecutor } from "@/lib/labs/executor";
import { computeParamsHash } from "@/lib/labs/params-hash";
import { closeLabPool } from "@/lib/labs/pool";
import {
  cancelLabRun,
  getLabRun,
  listLabRuns,
  openLabRunEventStream,
  startLabRun as startLabRunUntracked,
  processStartedAt,
} from "@/lib/labs/runner";
import type { JsonValue } from "@/lib/labs/types";

import { prisma, resetDatabase } from "./helpers/db";

const lab = "ctr-baseline-vs-lr";

/**
 * An executor whose runs wait until the test settles them, so a test can
 * hold runs open to exercise limits and cancellation.
 */
/** Every ControlledExecutor of the current test, settled after it. */
const executors: ControlledExecutor[] = [];

/** Completions of the runs the current test started. */
const inFlight: Promise<unknown>[] = [];

/**
 * Starts a run and records its completion, so that the run has stored
 * its outcome before the next test empties the tables.
 */
async function startLabRun(input: Parameters<typeof startLabRunUntracked>[0]) {
  const started = await startLabRunUntracked(input);
  inFlight.push(started.completion);
  return started;
}

class ControlledExecutor implements LabExecutor {
  constructor() {
    executors.push(this);
  }

  readonly pending: {
    options: LabExecutionOptions;
    resolve(result: JsonValue): void;
    reject(error: unknown): void;
  }[] = [];

  execute(
    _task: { lab: string; params: unknown },
    options: LabExecutionOptions,
  ) {
    return new Promise<JsonValue>((resolve, reject) => {
      options.signal.addEventListener(
        "abort",
        () => reject(new LabCancelledError()),
        { once: true },
      );
      this.pending.push({ options, resolve, reject });
      options.onStart?.();
    });
  }
}

async function createUser(email: string) {
  return prisma.user.create({ data: { email } });
}

async function readStream(
  stream: ReadableStream<Uint8Array>,
): Promise<{ event: string; data: unknown }[]> {
  const text = await new Response(stream).text();
  return text
    .split("\n\n")
    .filter((block) => block.includes("event: "))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "";
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? "null");
      return { event, data };
    });
}

describe("lab runner", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  afterEach(async () => {
    for (const executor of executors.splice(0)) {
      for (const run of executor.pending)
        run.resolve({ settledAfterTest: true });
    }
    await Promise.allSettled(inFlight.splice(0));
  });

  afterAll(async () => {
    await closeLabPool();
    await prisma.$disconnect();
  });

  it("computes a run in the pool and stores it", async () => {
    const user = await createUser("first@example.com");
    const { run, completion } = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: { rows: 2_000 },
    });

    expect(run.status).toBe("RUNNING");
    expect(run.cached).toBe(false);
    const finished = await completion;
    expect(finished.status).toBe("SUCCEEDED");
    expect(finished.durationMs).toBeGreaterThan(0);

    const row = await prisma.labRun.findUniqueOrThrow({
      where: { id: run.id },
    });
    expect(row.status).toBe("SUCCEEDED");
    expect(row.cached).toBe(false);
    expect(row.params).toEqual({ rows: 2_000, seed: 42 });
    expect(row.paramsHash).toBe(
      computeParamsHash(lab, { seed: 42, rows: 2_000 }),
    );
    expect(row.finishedAt).not.toBeNull();
    const result = row.result as {
      metrics: { logistic_regression: { roc_auc: number } };
    };
    expect(result.metrics.logistic_regression.roc_auc).toBeGreaterThan(0.4);
  });

  it("serves equal parameters from the cache", async () => {
    const first = await createUser("first@example.com");
    const second = await createUser("second@example.com");
    const computed = await (
      await startLabRun({
        prisma,
        userId: first.id,
        lab,
        params: { rows: 2_000, seed: 9 },
      })
    ).completion;

    const started = performance.now();
    const { run, completion } = await startLabRun({
      prisma,
      userId: second.id,
      lab,
      params: { seed: 9, rows: 2_000 },
    });
    const elapsed = performance.now() - started;

    expect(run.status).toBe("SUCCEEDED");
    expect(run.cached).toBe(true);
    expect(run.userId).toBe(second.id);
    expect(run.result).toEqual(computed.result);
    expect(run.paramsHash).toBe(computed.paramsHash);
    expect(await completion).toEqual(run);
    expect(elapsed).toBeLessThan(1_000);
    expect(await prisma.labRun.count()).toBe(2);
  });

  it("computes again when a parameter differs", async () => {
    const user = await createUser("first@example.com");
    const executor = new ControlledExecutor();
    await (
      await startLabRun({
        prisma,
        userId: user.id,
        lab,
        params: { rows: 2_000 },
      })
    ).completion;

    const { run } = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: { rows: 2_001 },
      executor,
    });

    expect(run.cached).toBe(false);
    expect(run.status).toBe("RUNNING");
    executor.pending[0].resolve({ ok: true });
  });

  it("rejects invalid parameters without storing a row", async () => {
    const user = await createUser("first@example.com");
    const failure = startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: { rows: 10 },
    });

    await expect(failure).rejects.toBeInstanceOf(LabParamsError);
    await expect(failure).rejects.toMatchObject({
      fieldErrors: { rows: ["rows must be between 1,000 and 100,000"] },
    });
    expect(await prisma.labRun.count()).toBe(0);
  });

  it("limits concurrent runs per account", async () => {
    const user = await createUser("first@example.com");
    const other = await createUser("second@example.com");
    const executor = new ControlledExecutor();
    const start = (userId: string, seed: number) =>
      startLabRun({
        prisma,
        userId,
        lab,
        params: { seed },
        executor,
        limits: { maxConcurrentRuns: 2 },
      });

    const first = await start(user.id, 1);
    await start(user.id, 2);
    const refused = start(user.id, 3);

    await expect(refused).rejects.toBeInstanceOf(LabLimitError);
    await expect(refused).rejects.toThrow(
      /2 lab runs in progress.*wait for one to finish or cancel it/,
    );
    await expect(start(other.id, 4)).resolves.toMatchObject({
      run: { status: "RUNNING" },
    });

    executor.pending[0].resolve({ done: 1 });
    await first.completion;
    await expect(start(user.id, 5)).resolves.toMatchObject({
      run: { status: "RUNNING" },
    });
    for (const run of executor.pending.slice(1)) run.resolve({ done: 2 });
  });

  it("lets only the allowed number of simultaneous starts through", async () => {
    const user = await createUser("first@example.com");
    const executor = new ControlledExecutor();
    const attempts = await Promise.allSettled(
      [11, 12, 13, 14, 15].map((seed) =>
        startLabRun({
          prisma,
          userId: user.id,
          lab,
          params: { seed },
          executor,
          limits: { maxConcurrentRuns: 2 },
        }),
      ),
    );

    const started = attempts.filter(
      (attempt) => attempt.status === "fulfilled",
    );
    const refused = attempts.filter((attempt) => attempt.status === "rejected");
    expect(started).toHaveLength(2);
    expect(refused).toHaveLength(3);
    for (const attempt of refused) {
      expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(
        LabLimitError,
      );
    }
    for (const run of executor.pending) run.resolve({ done: true });
  });

  it("checks the limits under a per-user lock", async () => {
    const user = await createUser("first@example.com");
    const executor = new ControlledExecutor();
    let startedAt = 0;
    let releasedAt = 0;
    const holder = prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lab-runs:${user.id}`}))`;
      startedAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 400));
      releasedAt = performance.now();
    });
    while (startedAt === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));

    await startLabRun({ prisma, userId: user.id, lab, params: {}, executor });
    const finishedAt = performance.now();
    await holder;

    expect(finishedAt).toBeGreaterThanOrEqual(releasedAt);
    executor.pending[0].resolve({ done: true });
  });

  it("limits computed runs per hour, not cache hits", async () => {
    const user = await createUser("first@example.com");
    const other = await createUser("second@example.com");
    const base = {
      lab,
      params: {},
      engineVersion: "test",
      status: "SUCCEEDED" as const,
    };
    const minutesAgo = (minutes: number) =>
      new Date(Date.now() - minutes * 60_000);
    await prisma.labRun.createMany({
      data: [
        {
          ...base,
          userId: user.id,
          paramsHash: "a",
          createdAt: minutesAgo(50),
        },
        {
          ...base,
          userId: user.id,
          paramsHash: "b",
          createdAt: minutesAgo(20),
        },
        {
          ...base,
          userId: user.id,
          paramsHash: "c",
          createdAt: minutesAgo(90),
        },
        {
          ...base,
          userId: user.id,
          paramsHash: "d",
          createdAt: minutesAgo(5),
          cached: true,
        },
      ],
    });
    const executor = new ControlledExecutor();
    const limits = { maxRunsPerHour: 3 };

    await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: { seed: 1 },
      executor,
      limits,
    });
    executor.pending[0].resolve({ done: 1 });
    const refused = startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: { seed: 2 },
      executor,
      limits,
    });

    await expect(refused).rejects.toBeInstanceOf(LabLimitError);
    // The oldest counted run (50 minutes ago) leaves the window in 10 min.
    await expect(refused).rejects.toThrow(
      /3 lab runs in the past hour.*try again in (10|11) min/,
    );

    const computed = await (
      await startLabRun({
        prisma,
        userId: other.id,
        lab,
        params: { rows: 1_000 },
      })
    ).completion;
    const hit = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: { rows: 1_000 },
      executor,
      limits,
    });
    expect(hit.run.cached).toBe(true);
    expect(hit.run.result).toEqual(computed.result);
  });

  it("cancels a running run", async () => {
    const user = await createUser("first@example.com");
    const other = await createUser("second@example.com");
    const executor = new ControlledExecutor();
    const { run, completion } = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: {},
      executor,
    });

    expect(
      await cancelLabRun({ prisma, userId: other.id, runId: run.id }),
    ).toBeNull();
    const cancelled = await cancelLabRun({
      prisma,
      userId: user.id,
      runId: run.id,
    });

    expect(cancelled?.status).toBe("CANCELLED");
    expect(cancelled?.error).toBe("The lab run was cancelled.");
    expect((await completion).status).toBe("CANCELLED");
    const row = await prisma.labRun.findUniqueOrThrow({
      where: { id: run.id },
    });
    expect(row.status).toBe("CANCELLED");
    expect(row.finishedAt).not.toBeNull();
  });

  it("stores a timeout from the pool as a failure", async () => {
    const user = await createUser("first@example.com");
    const { completion } = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: { rows: 100_000 },
      limits: { timeLimitMs: 1 },
    });

    const finished = await completion;
    expect(finished.status).toBe("FAILED");
    expect(finished.error).toMatch(/timed out after 0.001 s/);
    expect(finished.result).toBeNull();
  });

  it("stores a worker error with its message", async () => {
    const user = await createUser("first@example.com");
    const executor = new ControlledExecutor();
    const { completion } = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: {},
      executor,
    });
    executor.pending[0].reject(
      new LabWorkerError("the data has only 3 clicks"),
    );

    const finished = await completion;
    expect(finished.status).toBe("FAILED");
    expect(finished.error).toBe(
      "The lab computation failed: the data has only 3 clicks",
    );
  });

  it("finishes a run whose row was deleted", async () => {
    const user = await createUser("first@example.com");
    const executor = new ControlledExecutor();
    const { completion } = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: {},
      executor,
    });
    await prisma.user.delete({ where: { id: user.id } });
    executor.pending[0].resolve({ answer: 1 });

    const finished = await completion;
    expect(finished.status).toBe("SUCCEEDED");
    expect(finished.result).toEqual({ answer: 1 });
    expect(await prisma.labRun.count()).toBe(0);
  });

  it("frees the slot of a run abandoned by a stopped server", async () => {
    const user = await createUser("first@example.com");
    const abandoned = await prisma.labRun.create({
      data: {
        userId: user.id,
        lab,
        params: {},
        paramsHash: "stale",
        engineVersion: "test",
        status: "RUNNING",
        createdAt: new Date(Date.now() - 60 * 60_000),
      },
    });
    const executor = new ControlledExecutor();

    await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: {},
      executor,
      limits: { maxConcurrentRuns: 1 },
    });

    const row = await prisma.labRun.findUniqueOrThrow({
      where: { id: abandoned.id },
    });
    expect(row.status).toBe("FAILED");
    expect(row.error).toMatch(/server restarted/);
    executor.pending[0].resolve({ done: true });
  });

  it("frees the slot of a run started before a pool restart", async () => {
    const user = await createUser("restarted@example.com");
    const interrupted = await prisma.labRun.create({
      data: {
        userId: user.id,
        lab,
        params: {},
        paramsHash: "interrupted",
        engineVersion: "test",
        status: "RUNNING",
        createdAt: new Date(processStartedAt().getTime() - 1_000),
      },
    });

    const { completion } = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: { rows: 2_000, seed: 11 },
      limits: { maxConcurrentRuns: 1 },
    });
    await completion;

    const row = await prisma.labRun.findUniqueOrThrow({
      where: { id: interrupted.id },
    });
    expect(row.status).toBe("FAILED");
  });

  it("keeps a recent run of another executor counted", async () => {
    const user = await createUser("queued@example.com");
    await prisma.labRun.create({
      data: {
        userId: user.id,
        lab,
        params: {},
        paramsHash: "elsewhere",
        engineVersion: "test",
        status: "RUNNING",
        createdAt: new Date(processStartedAt().getTime() - 1_000),
      },
    });

    const start = startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: {},
      executor: new ControlledExecutor(),
      limits: { maxConcurrentRuns: 1 },
    });

    await expect(start).rejects.toThrow(/in progress/);
  });

  it("streams a snapshot, progress and the result", async () => {
    const user = await createUser("first@example.com");
    const other = await createUser("second@example.com");
    const executor = new ControlledExecutor();
    const { run } = await startLabRun({
      prisma,
      userId: user.id,
      lab,
      params: {},
      executor,
    });

    expect(
      await openLabRunEventStream({ prisma, userId: other.id, runId: run.id }),
    ).toBeNull();
    const stream = await openLabRunEventStream({
      prisma,
      userId: user.id,
      runId: run.id,
    });
    const events = readStream(stream!);
    const { options, resolve } = executor.pending[0];
    options.onProgress({
      fraction: 0.5,
      stage: "Training",
      partial: { key: "baseline", value: 0.54 },
    });
    resolve({ answer: 42 });

    const received = await events;
    expect(received.map((event) => event.event)).toEqual([
      "snapshot",
      "progress",
      "finished",
    ]);
    expect(received[1].data).toMatchObject({
      fraction: 0.5,
      stage: "Training",
    });
    expect(received[2].data).toMatchObject({
      status: "succeeded",
      result: { answer: 42 },
      partials: { baseline: 0.54 },
    });

    const late = await readStream(
      (await openLabRunEventStream({
        prisma,
        userId: user.id,
        runId: run.id,
      }))!,
    );
    expect(late.map((event) => event.event)).toEqual(["finished"]);
  });

  it("reads and lists only the user's runs", async () => {
    const user = await createUser("first@example.com");
    const other = await createUser("second@example.com");
    const first = await (
      await startLabRun({
        prisma,
        userId: user.id,
        lab,
        params: { rows: 1_000 },
      })
    ).completion;
    const second = await (
      await startLabRun({
        prisma,
        userId: user.id,
        lab,
        params: { rows: 1_000 },
      })
    ).completion;

    expect(
      await getLabRun({ prisma, userId: other.id, runId: first.id }),
    ).toBeNull();
    const read = await getLabRun({ prisma, userId: user.id, runId: first.id });
    expect(read?.result).toEqual(first.result);

    const listed = await listLabRuns({ prisma, userId: user.id, lab });
    expect(listed.map((run) => run.id)).toEqual([second.id, first.id]);
    expect(listed[0]).not.toHaveProperty("result");
    expect(listed[0].cached).toBe(true);
    expect(await listLabRuns({ prisma, userId: other.id, lab })).toEqual([]);
  });
});
