import type { JsonValue, LabProgress } from "./types";

/** Options of one execution. */
export interface LabExecutionOptions {
  /** Aborts the run; the executor rejects with LabCancelledError. */
  signal: AbortSignal;
  /**
   * Maximum time the computation may run once it has started, in
   * milliseconds. Past it the executor stops the run and rejects with
   * LabTimeoutError. Time spent waiting in a queue does not count.
   */
  timeLimitMs: number;
  /** Receives the computation's progress reports. */
  onProgress(progress: LabProgress): void;
  /** Called once when the computation leaves the queue and starts. */
  onStart?(): void;
}

/**
 * Runs lab computations somewhere other than the caller's event loop. The
 * worker-thread pool implements it on one machine. A job queue in
 * PostgreSQL (pg-boss) with worker processes can implement it across
 * machines, and the runner stays as it is.
 *
 * `execute` resolves with the lab's JSON result, or rejects with
 * LabCancelledError, LabTimeoutError, LabBusyError or LabWorkerError.
 * `params` must already be parsed by the lab's schema.
 */
export interface LabExecutor {
  execute(
    task: { lab: string; params: unknown },
    options: LabExecutionOptions,
  ): Promise<JsonValue>;
}
