/**
 * Lab queue worker: takes lab runs from the pg-boss queue in PostgreSQL and
 * computes them on a worker-thread pool of its own, reporting progress
 * over NOTIFY. Run one per machine that should compute labs, next to app
 * servers started with LAB_EXECUTOR=queue:
 *
 *   DATABASE_URL=... npm run build:worker && npx tsx scripts/lab-queue-worker.ts
 *   npx tsx scripts/with-db.ts tsx scripts/lab-queue-worker.ts   (local database)
 *
 * LAB_QUEUE_CONCURRENCY sets how many runs it takes at once (default: its
 * pool's thread count). SIGINT or SIGTERM stops taking jobs, lets running
 * ones finish for up to 30 s, then exits.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";
import { PgBoss } from "pg-boss";

import type { LabExecutor } from "@/lib/labs/executor";
import { LabPool, defaultLabPoolOptions } from "@/lib/labs/pool";
import {
  ensureLabQueue,
  labProgressChannel,
  labQueueBossOptions,
  labQueueName,
  type LabQueueJobData,
  type LabQueueJobOutput,
  type LabQueueNotice,
} from "@/lib/labs/queue-executor";
import type { LabProgress } from "@/lib/labs/types";
import { log } from "@/lib/log";

/** Largest NOTIFY payload PostgreSQL accepts is 8000 bytes; stay below it. */
const maxNoticeBytes = 7_500;

/** Shortest time between two progress messages of one run, in milliseconds. */
const progressIntervalMs = 200;

export interface LabQueueWorker {
  /** The pg-boss client; tests read job states through it. */
  boss: PgBoss;
  /** Stops taking jobs, waits up to `timeoutMs` for running ones, closes everything. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts consuming the lab queue.
 *
 * @param options.executor where runs compute; a new LabPool by default.
 * @param options.concurrency runs taken at once; the pool's threads by default.
 * @throws Error when PostgreSQL cannot be reached or the pool's worker
 *   file is missing (the message names the build command).
 */
export async function startLabQueueWorker(options: {
  connectionString: string;
  executor?: LabExecutor;
  concurrency?: number;
}): Promise<LabQueueWorker> {
  const ownPool = options.executor
    ? undefined
    : new LabPool(defaultLabPoolOptions());
  const executor: LabExecutor = options.executor ?? ownPool!;
  const concurrency = options.concurrency ?? ownPool?.threads ?? 1;

  const notifier = new pg.Pool({
    connectionString: options.connectionString,
    max: 2,
  });
  notifier.on("error", (error) =>
    log.warn({ err: error }, "lab progress connection failed"),
  );
  const notify = async (notice: LabQueueNotice) => {
    const payload = JSON.stringify(notice);
    if (Buffer.byteLength(payload) > maxNoticeBytes) return;
    await notifier
      .query("SELECT pg_notify($1, $2)", [labProgressChannel, payload])
      .catch((error: unknown) => {
        log.warn(
          { err: error, jobId: notice.jobId },
          "sending lab progress failed",
        );
      });
  };

  const boss = new PgBoss(
    labQueueBossOptions(options.connectionString, "worker"),
  );
  boss.on("error", (error) =>
    log.error({ err: error }, "lab queue worker error"),
  );
  await boss.start();
  await ensureLabQueue(boss);

  await boss.work<LabQueueJobData, LabQueueJobOutput>(
    labQueueName,
    { batchSize: 1, localConcurrency: concurrency, pollingIntervalSeconds: 1 },
    async ([job]) => {
      const { lab, params, timeLimitMs } = job.data;
      const started = performance.now();
      log.info({ jobId: job.id, lab }, "lab job started");

      let lastProgress = 0;
      let pending: LabProgress | undefined;
      const result = await executor
        .execute(
          { lab, params },
          {
            signal: job.signal,
            timeLimitMs,
            onStart: () => void notify({ jobId: job.id, type: "started" }),
            onProgress: (progress) => {
              // Partial results always go out; plain fractions at most every 200 ms.
              const now = Date.now();
              if (
                !progress.partial &&
                now - lastProgress < progressIntervalMs
              ) {
                pending = progress;
                return;
              }
              lastProgress = now;
              pending = undefined;
              void notify({ jobId: job.id, type: "progress", progress });
            },
          },
        )
        .catch((error: unknown) => {
          const durationMs = Math.round(performance.now() - started);
          log.warn(
            { jobId: job.id, lab, durationMs, err: error },
            "lab job failed",
          );
          throw error;
        });
      if (pending)
        await notify({ jobId: job.id, type: "progress", progress: pending });

      log.info(
        {
          jobId: job.id,
          lab,
          durationMs: Math.round(performance.now() - started),
        },
        "lab job finished",
      );
      return { result };
    },
  );
  log.info({ queue: labQueueName, concurrency }, "lab queue worker started");

  return {
    boss,
    async stop(timeoutMs = 30_000) {
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
      await ownPool?.close();
      await notifier.end();
      log.info({ queue: labQueueName }, "lab queue worker stopped");
    },
  };
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const connectionString =
    process.env.LAB_QUEUE_DATABASE_URL || process.env.DATABASE_URL;
  if (!connectionString) {
    console.error(
      "Set DATABASE_URL (or LAB_QUEUE_DATABASE_URL) to the app's PostgreSQL.",
    );
    process.exit(2);
  }
  const concurrencyText = process.env.LAB_QUEUE_CONCURRENCY;
  const concurrency = concurrencyText ? Number(concurrencyText) : undefined;
  if (
    concurrency !== undefined &&
    (!Number.isInteger(concurrency) || concurrency < 1)
  ) {
    console.error(
      `LAB_QUEUE_CONCURRENCY must be a positive integer, got "${concurrencyText}".`,
    );
    process.exit(2);
  }

  const worker = await startLabQueueWorker({ connectionString, concurrency });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log.info({ signal }, "lab queue worker stopping");
      void worker.stop().then(() => process.exit(0));
    });
  }
}
