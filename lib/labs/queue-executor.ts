/**
 * A LabExecutor that sends each lab run as a job to a pg-boss queue in
 * PostgreSQL; worker processes (scripts/lab-queue-worker.ts), on this or
 * other machines, take the jobs and compute them on their own thread pool.
 * Progress comes back over PostgreSQL NOTIFY; the job row is the source of
 * truth for the outcome, polled until it settles.
 *
 * Selection: LAB_EXECUTOR=queue makes the runner use it (see
 * configuredLabExecutor); "pool" or unset keeps the in-process pool.
 */
import pg from "pg";
import type { PgBoss } from "pg-boss";

import { UserError } from "../errors";
import { log } from "../log";
import {
  LabBusyError,
  LabCancelledError,
  LabTimeoutError,
  LabWorkerError,
} from "./errors";
import type { LabExecutionOptions, LabExecutor } from "./executor";
import type { JsonValue, LabProgress } from "./types";

/** Name of the pg-boss queue of lab runs. */
export const labQueueName = "lab-runs";

/** PostgreSQL NOTIFY channel of progress messages from the workers. */
export const labProgressChannel = "drillbook_lab_progress";

/** pg-boss's schema; kept apart from the app's tables in "public". */
export const labQueueSchema = "pgboss";

/**
 * Seconds without a worker heartbeat after which pg-boss fails a job, so a
 * run whose worker process died ends within about this time (plus one
 * supervision pass). pg-boss requires at least 10.
 */
export const labJobHeartbeatSeconds = 10;

/** Payload of a lab job, as the worker reads it. */
export interface LabQueueJobData {
  lab: string;
  /** Parameters already parsed by the lab's schema. */
  params: unknown;
  /** Computation time limit, in milliseconds, enforced by the worker. */
  timeLimitMs: number;
}

/** Output a worker stores on a completed job. */
export interface LabQueueJobOutput {
  result: JsonValue;
}

/** A message a worker sends on labProgressChannel. */
export type LabQueueNotice =
  | { jobId: string; type: "started" }
  | { jobId: string; type: "progress"; progress: LabProgress };

/**
 * pg-boss settings shared by the server and the workers: our schema, and a
 * supervision pass every few seconds so that a job whose worker died is
 * failed soon after its heartbeat stops. Workers also listen for NOTIFY,
 * which wakes them when a job arrives instead of at their next poll.
 */
export function labQueueBossOptions(
  connectionString: string,
  role: "server" | "worker" = "server",
) {
  return {
    connectionString,
    schema: labQueueSchema,
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 5,
    // Lab jobs need no cron schedules.
    schedule: false,
    useListenNotify: role === "worker",
    instanceName: role === "worker" ? "lab-worker" : "lab-server",
    application_name: `drillbook-lab-${role}`,
  };
}

/**
 * Creates the lab queue if it does not exist. Jobs are not retried,
 * because a lab run is cheap to start again and a run that crashed a
 * worker would crash the next one. Heartbeats make a dead worker's job
 * fail, and NOTIFY on insert wakes idle workers at once.
 */
export async function ensureLabQueue(boss: PgBoss): Promise<void> {
  const existing = await boss.getQueue(labQueueName);
  if (existing) return;
  await boss.createQueue(labQueueName, {
    retryLimit: 0,
    heartbeatSeconds: labJobHeartbeatSeconds,
    expireInSeconds: 60 * 60,
    deleteAfterSeconds: 24 * 60 * 60,
    notify: true,
  } as Parameters<PgBoss["createQueue"]>[1]);
}

export interface QueueLabExecutorOptions {
  connectionString: string;
  /** How often the job row is read while a run is open, in milliseconds. */
  pollIntervalMs?: number;
  /** Maximum wait for a worker to take the job before LabBusyError, in milliseconds. */
  maxQueueWaitMs?: number;
  /**
   * Time past the run's time limit after which the server stops waiting
   * for the worker to report, in milliseconds. The worker enforces the
   * limit itself, so this only covers a worker that stopped responding.
   */
  timeLimitGraceMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Turns a failed job's stored output back into the error the pool would throw. */
function errorFromOutput(output: unknown, timeLimitMs: number): Error {
  const record = (output ?? {}) as {
    name?: unknown;
    message?: unknown;
    value?: { message?: unknown };
  };
  const name = typeof record.name === "string" ? record.name : "";
  const message =
    typeof record.message === "string"
      ? record.message
      : typeof record.value?.message === "string"
        ? record.value.message
        : "the worker stored no error message";

  if (name === "LabTimeoutError") return new LabTimeoutError(timeLimitMs);
  if (name === "LabCancelledError") return new LabCancelledError();
  if (
    ["LabParamsError", "UnknownLabError", "LabBusyError", "UserError"].includes(
      name,
    )
  ) {
    return new UserError(message);
  }
  if (message === "job heartbeat timeout" || message === "job timed out") {
    return new LabWorkerError(
      "The lab worker stopped responding during the run (its process may have been stopped); run the lab again.",
    );
  }
  return new LabWorkerError(message);
}

/**
 * Runs lab computations through the pg-boss queue. One instance per server
 * process keeps a pg-boss client (to send, read and cancel jobs) and one
 * PostgreSQL connection that listens for progress.
 */
export class QueueLabExecutor implements LabExecutor {
  private readonly options: Required<QueueLabExecutorOptions>;
  private started?: Promise<PgBoss>;
  private listener?: Promise<pg.Client>;
  private readonly watchers = new Map<
    string,
    (notice: LabQueueNotice) => void
  >();

  constructor(options: QueueLabExecutorOptions) {
    this.options = {
      pollIntervalMs: 250,
      maxQueueWaitMs: 10 * 60_000,
      timeLimitGraceMs: 30_000,
      ...options,
    };
  }

  /** Starts pg-boss once (installing its schema on first use) and the queue. */
  private boss(): Promise<PgBoss> {
    this.started ??= (async () => {
      const { PgBoss } = await import("pg-boss");
      const boss = new PgBoss(
        labQueueBossOptions(this.options.connectionString),
      );
      boss.on("error", (error) =>
        log.error({ err: error }, "lab queue client error"),
      );
      await boss.start();
      await ensureLabQueue(boss);
      log.info({ queue: labQueueName }, "lab queue executor started");
      return boss;
    })().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  /** Opens the LISTEN connection for progress; reopened after it fails. */
  private listen(): Promise<pg.Client> {
    this.listener ??= (async () => {
      const client = new pg.Client({
        connectionString: this.options.connectionString,
      });
      client.on("error", (error) => {
        log.warn({ err: error }, "lab progress listener lost its connection");
        this.listener = undefined;
      });
      client.on("notification", (message) => {
        if (message.channel !== labProgressChannel || !message.payload) return;
        try {
          const notice = JSON.parse(message.payload) as LabQueueNotice;
          this.watchers.get(notice.jobId)?.(notice);
        } catch (error) {
          log.warn({ err: error }, "unreadable lab progress message");
        }
      });
      await client.connect();
      await client.query(`LISTEN ${labProgressChannel}`);
      return client;
    })().catch((error: unknown) => {
      this.listener = undefined;
      throw error;
    });
    return this.listener;
  }

  async execute(
    task: { lab: string; params: unknown },
    options: LabExecutionOptions,
  ): Promise<JsonValue> {
    if (options.signal.aborted) throw new LabCancelledError();
    const boss = await this.boss();
    await this.listen().catch((error: unknown) => {
      // Progress is optional: the run still completes through polling.
      log.warn({ err: error }, "lab progress listener could not start");
    });

    const data: LabQueueJobData = {
      lab: task.lab,
      params: task.params,
      timeLimitMs: options.timeLimitMs,
    };
    const jobId = await boss.send(labQueueName, data as unknown as object, {
      expireInSeconds: Math.ceil(
        (options.timeLimitMs + this.options.timeLimitGraceMs) / 1000,
      ),
    });
    if (!jobId)
      throw new LabWorkerError("The lab queue did not accept the job.");

    let startedAt: number | undefined;
    const markStarted = () => {
      if (startedAt !== undefined) return;
      startedAt = Date.now();
      options.onStart?.();
    };
    this.watchers.set(jobId, (notice) => {
      markStarted();
      if (notice.type === "progress") options.onProgress(notice.progress);
    });
    const cancel = async () => {
      await boss.cancel(labQueueName, jobId).catch((error: unknown) => {
        log.warn({ err: error, jobId }, "cancelling a lab job failed");
      });
    };

    try {
      return await this.waitForOutcome(
        boss,
        jobId,
        options,
        markStarted,
        () => startedAt,
        cancel,
      );
    } finally {
      this.watchers.delete(jobId);
    }
  }

  private async waitForOutcome(
    boss: PgBoss,
    jobId: string,
    options: LabExecutionOptions,
    markStarted: () => void,
    startedAt: () => number | undefined,
    cancel: () => Promise<void>,
  ): Promise<JsonValue> {
    const queuedAt = Date.now();
    for (;;) {
      if (options.signal.aborted) {
        await cancel();
        throw new LabCancelledError();
      }

      const job = await boss.getJobById<LabQueueJobData>(labQueueName, jobId);
      if (!job)
        throw new LabWorkerError(
          `Lab job ${jobId} disappeared from the queue.`,
        );

      switch (job.state) {
        case "completed": {
          const output = job.output as unknown as LabQueueJobOutput | null;
          if (!output || !("result" in output)) {
            throw new LabWorkerError(
              "The lab worker completed the job without a result.",
            );
          }
          markStarted();
          return output.result;
        }
        case "failed":
          throw errorFromOutput(job.output, options.timeLimitMs);
        case "cancelled":
          throw new LabCancelledError();
        case "active": {
          markStarted();
          const runningFor = Date.now() - (startedAt() ?? Date.now());
          if (
            runningFor >
            options.timeLimitMs + this.options.timeLimitGraceMs
          ) {
            await cancel();
            throw new LabTimeoutError(options.timeLimitMs);
          }
          break;
        }
        default:
          if (Date.now() - queuedAt > this.options.maxQueueWaitMs) {
            await cancel();
            throw new LabBusyError(
              `No lab worker took the run within ${Math.round(this.options.maxQueueWaitMs / 1000)} s; try again in a few minutes.`,
            );
          }
      }
      await sleep(this.options.pollIntervalMs);
    }
  }

  /** Stops the pg-boss client and the progress listener. */
  async close(): Promise<void> {
    const boss = this.started;
    const listener = this.listener;
    this.started = undefined;
    this.listener = undefined;
    await Promise.allSettled([
      boss?.then((client) => client.stop({ graceful: false, close: true })),
      listener?.then((client) => client.end()),
    ]);
  }
}

const executorKey = Symbol.for("drillbook.labs.queueExecutor");
type GlobalWithQueue = typeof globalThis & { [executorKey]?: QueueLabExecutor };

/**
 * Returns the executor LAB_EXECUTOR selects: the process-wide
 * QueueLabExecutor for "queue" (on DATABASE_URL, or LAB_QUEUE_DATABASE_URL
 * when set), or undefined for "pool" or unset, meaning the worker pool.
 *
 * @throws {RangeError} for any other value, naming the valid ones.
 */
export function configuredLabExecutor(
  env: Record<string, string | undefined> = process.env,
): LabExecutor | undefined {
  const choice = (env.LAB_EXECUTOR ?? "pool").trim().toLowerCase();
  if (choice === "pool" || choice === "") return undefined;
  if (choice !== "queue") {
    throw new RangeError(
      `LAB_EXECUTOR is "${env.LAB_EXECUTOR}"; use "pool" (worker threads in this process) or "queue" (pg-boss workers).`,
    );
  }

  const connectionString = env.LAB_QUEUE_DATABASE_URL || env.DATABASE_URL;
  if (!connectionString) {
    throw new RangeError(
      "LAB_EXECUTOR=queue needs DATABASE_URL or LAB_QUEUE_DATABASE_URL.",
    );
  }
  const globals = globalThis as GlobalWithQueue;
  globals[executorKey] ??= new QueueLabExecutor({ connectionString });
  return globals[executorKey];
}
