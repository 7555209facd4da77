/**
 * Benchmarks the lab runner and prints Markdown tables:
 *
 * 1. Each lab at its default parameters in the worker pool (the bundled
 *    worker, as in production): time to the first partial result and to
 *    the full result, median and minimum of --reps runs.
 * 2. Event-loop delay of this process (perf_hooks monitorEventLoopDelay:
 *    p50, p99, max, mean) while idle, while a 100,000-row
 *    model-progression run computes in the pool, and while the same run
 *    computes on the main thread.
 * 3. With DATABASE_URL set: one computed run through startLabRun, then
 *    --cache-hits cached runs with the same parameters (latency of the
 *    cache path, PostgreSQL included). A bench user is created and
 *    deleted, with its runs.
 *
 * Usage:
 *   npx tsx scripts/with-db.ts --test tsx scripts/bench/labs.ts [--reps 3] [--cache-hits 20]
 *   npx tsx scripts/bench/labs.ts --reps 1     (no database: parts 1 and 2)
 */
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";

import { createPrismaClient } from "../../lib/db";
import { LabPool } from "../../lib/labs/pool";
import { getLabDefinition, labSlugs } from "../../lib/labs/registry";
import { startLabRun } from "../../lib/labs/runner";
import type { LabProgress } from "../../lib/labs/types";
import { buildLabWorker, defaultWorkerOutfile } from "../build-worker";

function readOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(
      `--${name} must be a positive integer, got "${process.argv[index + 1]}".`,
    );
    process.exit(2);
  }
  return value;
}

const reps = readOption("reps", 3);
const cacheHits = readOption("cache-hits", 20);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const milliseconds = (ms: number) => `${ms.toFixed(1)} ms`;

interface TimedRun {
  firstResultMs: number;
  fullMs: number;
}

async function timeInPool(
  pool: LabPool,
  lab: string,
  params: unknown,
): Promise<TimedRun> {
  const started = performance.now();
  let firstResultMs = Number.NaN;
  await pool.execute(
    { lab, params },
    {
      signal: new AbortController().signal,
      timeLimitMs: 120_000,
      onProgress: (progress: LabProgress) => {
        if (progress.partial && Number.isNaN(firstResultMs)) {
          firstResultMs = performance.now() - started;
        }
      },
    },
  );
  return { firstResultMs, fullMs: performance.now() - started };
}

/** Sampling interval of the event-loop delay histogram, in milliseconds. */
const delayResolutionMs = 10;

/**
 * Records this process's event-loop delay while `work` runs. The
 * histogram stores the time between its timer's callbacks, so the
 * interval itself is subtracted to leave the delay.
 */
async function measureEventLoopDelay(work: () => Promise<unknown>) {
  const histogram = monitorEventLoopDelay({ resolution: delayResolutionMs });
  histogram.enable();
  const started = performance.now();
  await work();
  const elapsedMs = performance.now() - started;
  histogram.disable();
  const toMs = (nanoseconds: number) =>
    Math.max(0, nanoseconds / 1e6 - delayResolutionMs);
  return {
    elapsedMs,
    p50: toMs(histogram.percentile(50)),
    p99: toMs(histogram.percentile(99)),
    max: toMs(histogram.max),
    mean: toMs(histogram.mean),
    samples: histogram.count,
  };
}

async function benchLabs(pool: LabPool): Promise<void> {
  console.log("\n### Labs at default parameters, in the pool\n");
  console.log(`Median (minimum) of ${reps} runs.\n`);
  console.log("| lab | first result | full result |");
  console.log("| --- | --- | --- |");
  for (const lab of labSlugs) {
    const params = getLabDefinition(lab).defaults;
    const runs: TimedRun[] = [];
    for (let rep = 0; rep < reps; rep++)
      runs.push(await timeInPool(pool, lab, params));
    const first = runs.map((run) => run.firstResultMs);
    const full = runs.map((run) => run.fullMs);
    console.log(
      `| ${lab} | ${seconds(median(first))} (${seconds(Math.min(...first))}) | ${seconds(median(full))} (${seconds(Math.min(...full))}) |`,
    );
  }
}

async function benchEventLoop(pool: LabPool): Promise<void> {
  const lab = "model-progression";
  const definition = getLabDefinition(lab);
  const params = definition.paramsSchema.parse({ rows: 100_000 });

  const idle = await measureEventLoopDelay(
    () => new Promise((resolve) => setTimeout(resolve, 3_000)),
  );
  const inPool = await measureEventLoopDelay(() =>
    pool.execute(
      { lab, params },
      {
        signal: new AbortController().signal,
        timeLimitMs: 120_000,
        onProgress: () => {},
      },
    ),
  );
  const onMainThread = await measureEventLoopDelay(async () => {
    // Yield once so the histogram's timer is armed before the loop blocks.
    await new Promise((resolve) => setTimeout(resolve, 20));
    definition.run(params, () => {});
    await new Promise((resolve) => setTimeout(resolve, 20));
  });

  console.log(`\n### Event-loop delay during a 100,000-row ${lab} run\n`);
  console.log(
    `Delay beyond the histogram's ${delayResolutionMs} ms sampling interval.\n`,
  );
  console.log("| while | run time | p50 | p99 | max | mean | samples |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const [label, result] of [
    ["idle (3 s)", idle],
    ["the run computes in the pool", inPool],
    ["the run computes on the main thread", onMainThread],
  ] as const) {
    console.log(
      `| ${label} | ${seconds(result.elapsedMs)} | ${milliseconds(result.p50)} | ${milliseconds(result.p99)} | ${milliseconds(result.max)} | ${milliseconds(result.mean)} | ${result.samples} |`,
    );
  }
}

async function benchCache(pool: LabPool): Promise<void> {
  const prisma = createPrismaClient();
  const email = `bench-labs-${process.pid}@example.invalid`;
  const user = await prisma.user.create({ data: { email } });
  try {
    const lab = "model-progression";
    // A seed no other run uses, so the first run computes.
    const params = { seed: 1_000_000 + (Date.now() % 1_000_000) };
    const computedStarted = performance.now();
    const computed = await (
      await startLabRun({
        prisma,
        userId: user.id,
        lab,
        params,
        executor: pool,
      })
    ).completion;
    const computedMs = performance.now() - computedStarted;
    if (computed.status !== "SUCCEEDED") {
      throw new Error(
        `the computed run ended ${computed.status}: ${computed.error}`,
      );
    }

    const latencies: number[] = [];
    for (let hit = 0; hit < cacheHits; hit++) {
      const started = performance.now();
      const { run } = await startLabRun({
        prisma,
        userId: user.id,
        lab,
        params,
        executor: pool,
      });
      latencies.push(performance.now() - started);
      if (!run.cached) throw new Error("expected a cache hit");
    }

    console.log(
      `\n### Through startLabRun with PostgreSQL (${lab}, default size)\n`,
    );
    console.log("| path | runs | p50 | p95 | max |");
    console.log("| --- | --- | --- | --- | --- |");
    console.log(
      `| computed in the pool, stored | 1 | ${milliseconds(computedMs)} | | |`,
    );
    console.log(
      `| cache hit (lookup, copy to a new row) | ${cacheHits} | ${milliseconds(quantile(latencies, 0.5))} | ${milliseconds(quantile(latencies, 0.95))} | ${milliseconds(Math.max(...latencies))} |`,
    );
  } finally {
    await prisma.user.delete({ where: { id: user.id } });
    await prisma.$disconnect();
  }
}

async function main(): Promise<void> {
  const bytes = await buildLabWorker();
  const pool = new LabPool({ workerFile: defaultWorkerOutfile });
  console.log(
    `Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.availableParallelism()} cores, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ` +
      `load average ${os
        .loadavg()
        .map((value) => value.toFixed(1))
        .join(" ")}. ` +
      `Pool: ${pool.threads} thread(s), worker bundle ${Math.round(bytes / 1024)} KiB.`,
  );
  try {
    // Warm-up: starts the thread and loads the bundle before timing.
    await timeInPool(pool, "ctr-baseline-vs-lr", { rows: 1_000, seed: 1 });
    await benchLabs(pool);
    await benchEventLoop(pool);
    if (process.env.DATABASE_URL) {
      await benchCache(pool);
    } else {
      console.log(
        "\nDATABASE_URL is not set; skipped the cache benchmark. Run through scripts/with-db.ts for it.",
      );
    }
  } finally {
    await pool.close();
  }
}

await main();
