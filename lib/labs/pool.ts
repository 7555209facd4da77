import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";

import { Piscina } from "piscina";

import { log } from "../log";
import {
  LabBusyError,
  LabCancelledError,
  LabTimeoutError,
  LabWorkerError,
} from "./errors";
import type { LabExecutionOptions, LabExecutor } from "./executor";
import type { JsonValue } from "./types";
import type { LabWorkerMessage, LabWorkerTask } from "./worker-protocol";

/** Settings of a lab worker pool. */
export interface LabPoolOptions {
  /** Absolute path of the worker entry (bundled .mjs, or .ts with tsx). */
  workerFile: string;
  /** Node options of each worker thread, e.g. ['--import', 'tsx']. */
  execArgv?: string[];
  /** Worker threads; default max(1, cores − 1), leaving a core to the server. */
  threads?: number;
  /** Runs allowed to wait for a thread before new ones get LabBusyError. */
  maxQueue?: number;
  /** Maximum wait in the queue before a run fails as busy, in milliseconds. */
  maxQueueWaitMs?: number;
  /** Heap limit of each worker thread, in MiB; past it the thread dies. */
  maxHeapMb?: number;
}

/** Command that builds the bundled worker entry. */
export const buildWorkerCommand = "npm run build:worker";

/** Bundled worker entry, relative to the project root. */
export const bundledWorkerPath = ".build/lab-worker.mjs";

/**
 * Picks the worker entry for this process: the TypeScript source loaded
 * through tsx under Vitest (which sets VITEST), the esbuild bundle
 * everywhere else (next dev, next start, scripts).
 */
export function defaultLabPoolOptions(): LabPoolOptions {
  // process.cwd() is the project root under next, Vitest and the scripts;
  // the marker keeps Turbopack from trying to bundle or trace this path.
  const root = path.resolve(/* turbopackIgnore: true */ process.cwd());

  if (process.env.VITEST) {
    return {
      workerFile: path.join(root, "lib/labs/worker.ts"),
      execArgv: ["--import", "tsx"],
    };
  }
  return { workerFile: path.join(root, bundledWorkerPath) };
}

function defaultThreadCount(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/**
 * A piscina pool of worker threads that run lab computations off the
 * server's event loop. A thread that crashes, runs out of heap or passes
 * its time limit is replaced and the pool keeps serving.
 */
export class LabPool implements LabExecutor {
  readonly threads: number;
  private readonly piscina: Piscina<LabWorkerTask, JsonValue>;
  private readonly maxQueueWaitMs: number;
  private readonly maxQueue: number;
  private inFlight = 0;

  /**
   * @throws {Error} when the worker file does not exist, naming the
   *   command that builds it: piscina would otherwise retry a thread that
   *   cannot start and every run would wait for its time limit.
   */
  constructor(options: LabPoolOptions) {
    if (!existsSync(options.workerFile)) {
      throw new Error(
        `Lab worker file ${options.workerFile} not found; build it with \`${buildWorkerCommand}\` before starting the server.`,
      );
    }

    this.threads = options.threads ?? defaultThreadCount();
    this.maxQueueWaitMs = options.maxQueueWaitMs ?? 10 * 60_000;
    this.maxQueue = options.maxQueue ?? Math.max(16, 4 * this.threads);
    this.piscina = new Piscina<LabWorkerTask, JsonValue>({
      filename: options.workerFile,
      execArgv: options.execArgv,
      minThreads: this.threads,
      maxThreads: this.threads,
      // Threads stay up: a fresh one costs a module load before its run.
      idleTimeout: 5 * 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 1024 },
    });

    // piscina emits 'error' when a thread dies with no task on it; without
    // a listener that event would end the whole process.
    this.piscina.on("error", (error: unknown) => {
      log.error({ err: error }, "lab worker thread failed between runs");
    });
  }

  /** Runs waiting for a thread or running, for monitoring. */
  get runsInFlight(): number {
    return this.inFlight;
  }

  async execute(
    task: { lab: string; params: unknown },
    options: LabExecutionOptions,
  ): Promise<JsonValue> {
    // piscina keeps tasks that carry an abort signal outside the queue its
    // maxQueue option bounds, so the pool counts them itself.
    if (this.inFlight >= this.threads + this.maxQueue) {
      throw new LabBusyError();
    }
    this.inFlight += 1;
    try {
      return await this.executeOnThread(task, options);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async executeOnThread(
    task: { lab: string; params: unknown },
    options: LabExecutionOptions,
  ): Promise<JsonValue> {
    const { port1, port2 } = new MessageChannel();
    const timeLimit = new AbortController();
    const queueLimit = AbortSignal.timeout(
      this.maxQueueWaitMs + options.timeLimitMs,
    );
    let timer: NodeJS.Timeout | undefined;

    // The time limit starts when the worker picks the task up, so a run
    // that waited in the queue still gets its full time.
    port1.on("message", (message: LabWorkerMessage) => {
      if (message.type === "started") {
        timer = setTimeout(() => timeLimit.abort(), options.timeLimitMs);
        options.onStart?.();
        return;
      }
      options.onProgress(message.progress);
    });

    try {
      return await this.piscina.run(
        { lab: task.lab, params: task.params, progressPort: port2 },
        {
          transferList: [port2],
          signal: AbortSignal.any([
            options.signal,
            timeLimit.signal,
            queueLimit,
          ]),
        },
      );
    } catch (error) {
      throw this.translateError(error, options, timeLimit.signal, queueLimit);
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  private translateError(
    error: unknown,
    options: LabExecutionOptions,
    timeLimit: AbortSignal,
    queueLimit: AbortSignal,
  ): Error {
    if (options.signal.aborted) return new LabCancelledError();
    if (timeLimit.aborted) return new LabTimeoutError(options.timeLimitMs);
    if (queueLimit.aborted) {
      return new LabBusyError(
        `The lab run waited more than ${Math.round(this.maxQueueWaitMs / 1000)} s for a free worker; try again in a few minutes.`,
      );
    }

    const message = error instanceof Error ? error.message : String(error);
    // piscina reports a thread that died (killed, out of memory) this way.
    if (/worker exited|terminated/i.test(message)) {
      return new LabWorkerError(
        `its worker thread stopped (${message}). The server started a new one; run the lab again, with fewer rows or trees if it stops again`,
        { cause: error },
      );
    }
    return new LabWorkerError(message, { cause: error });
  }

  /** Stops the threads; runs in progress reject. */
  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

const poolKey = Symbol.for("drillbook.labs.pool");

type GlobalWithPool = typeof globalThis & { [poolKey]?: LabPool };

/**
 * Returns the process-wide lab pool, creating it on first use. It lives on
 * globalThis because Next.js loads a separate copy of this module into
 * each server bundle (server actions, route handlers), and they must share
 * one pool.
 *
 * @throws {Error} when the bundled worker entry is missing.
 */
export function getLabPool(): LabPool {
  const globals = globalThis as GlobalWithPool;
  if (!globals[poolKey]) {
    const pool = new LabPool({
      ...defaultLabPoolOptions(),
      maxHeapMb: readPositiveInteger("LAB_WORKER_MAX_HEAP_MB"),
      threads: readPositiveInteger("LAB_WORKER_THREADS"),
    });
    globals[poolKey] = pool;
    log.info({ threads: pool.threads }, "lab worker pool started");
  }
  return globals[poolKey];
}

/** Closes the process-wide pool, if one was started. */
export async function closeLabPool(): Promise<void> {
  const globals = globalThis as GlobalWithPool;
  const pool = globals[poolKey];
  globals[poolKey] = undefined;
  await pool?.close();
}

function readPositiveInteger(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === "") return undefined;

  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `${name} must be a positive integer, got "${text}"; unset it to use the default.`,
    );
  }
  return value;
}
