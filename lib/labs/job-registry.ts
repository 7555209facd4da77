import type { JsonValue, LabProgress } from "./types";

/** Status of a run in this process. */
export type LabJobStatus =
  "queued" | "running" | "succeeded" | "failed" | "cancelled";

/** Everything a late subscriber needs to catch up with a run. */
export interface LabJobSnapshot {
  runId: string;
  lab: string;
  status: LabJobStatus;
  /** Latest progress report, or null before the first one. */
  progress: LabProgress | null;
  /** Final pieces of the result reported so far, by key. */
  partials: Record<string, JsonValue>;
  result: JsonValue | null;
  /** Message safe to show the learner, set when the run failed. */
  error: string | null;
  durationMs: number | null;
}

/** Events a subscriber receives, a snapshot first. */
export type LabJobEvent =
  | { type: "snapshot"; snapshot: LabJobSnapshot }
  | { type: "progress"; progress: LabProgress }
  | { type: "finished"; snapshot: LabJobSnapshot };

export type LabJobListener = (event: LabJobEvent) => void;

interface LabJob {
  snapshot: LabJobSnapshot;
  userId: string;
  controller: AbortController;
  listeners: Set<LabJobListener>;
}

/** How long a finished job stays for late subscribers, in milliseconds. */
const finishedJobRetentionMs = 10 * 60_000;

/**
 * In-process registry of lab runs, keyed by LabRun id. It stores each
 * run's progress and abort controller so a route handler can stream events and
 * cancel it. It lives on globalThis because Next.js gives server actions
 * and route handlers separate copies of this module.
 */
export class LabJobRegistry {
  private readonly jobs = new Map<string, LabJob>();

  /** Registers a queued run; its controller aborts the execution. */
  register(runId: string, lab: string, userId: string): AbortController {
    const controller = new AbortController();
    this.jobs.set(runId, {
      userId,
      controller,
      listeners: new Set(),
      snapshot: {
        runId,
        lab,
        status: "queued",
        progress: null,
        partials: {},
        result: null,
        error: null,
        durationMs: null,
      },
    });
    return controller;
  }

  /** Marks a run as started on a worker. */
  markRunning(runId: string): void {
    const job = this.jobs.get(runId);
    if (job && job.snapshot.status === "queued")
      job.snapshot.status = "running";
  }

  /** Records a progress report and sends it to subscribers. */
  reportProgress(runId: string, progress: LabProgress): void {
    const job = this.jobs.get(runId);
    if (!job || isFinished(job.snapshot.status)) return;

    job.snapshot.status = "running";
    job.snapshot.progress = progress;
    if (progress.partial) {
      job.snapshot.partials[progress.partial.key] = progress.partial.value;
    }
    this.emit(job, { type: "progress", progress });
  }

  /**
   * Records the outcome, sends it, ends every subscription, and keeps the
   * snapshot a while for subscribers that arrive late.
   */
  finish(
    runId: string,
    outcome: {
      status: "succeeded" | "failed" | "cancelled";
      result?: JsonValue;
      error?: string;
      durationMs: number;
    },
  ): void {
    const job = this.jobs.get(runId);
    if (!job) return;

    job.snapshot.status = outcome.status;
    job.snapshot.result = outcome.result ?? null;
    job.snapshot.error = outcome.error ?? null;
    job.snapshot.durationMs = outcome.durationMs;
    this.emit(job, {
      type: "finished",
      snapshot: structuredClone(job.snapshot),
    });
    job.listeners.clear();

    const timer = setTimeout(() => {
      if (this.jobs.get(runId) === job) this.jobs.delete(runId);
    }, finishedJobRetentionMs);
    timer.unref();
  }

  /** Returns a copy of a run's state, or null when this process has none. */
  snapshot(runId: string): LabJobSnapshot | null {
    const job = this.jobs.get(runId);
    return job ? structuredClone(job.snapshot) : null;
  }

  /** Returns the id of the user who started a run in this process. */
  ownerOf(runId: string): string | null {
    return this.jobs.get(runId)?.userId ?? null;
  }

  /**
   * Subscribes to a run's events: the listener gets a snapshot at once,
   * then progress events, then one "finished" event. Returns a function
   * that unsubscribes, or null when the run is not in this process.
   */
  subscribe(runId: string, listener: LabJobListener): (() => void) | null {
    const job = this.jobs.get(runId);
    if (!job) return null;

    const snapshot = structuredClone(job.snapshot);
    if (isFinished(snapshot.status)) {
      listener({ type: "finished", snapshot });
      return () => {};
    }
    listener({ type: "snapshot", snapshot });
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  /** Aborts a queued or running run; false when it is not running here. */
  cancel(runId: string): boolean {
    const job = this.jobs.get(runId);
    if (!job || isFinished(job.snapshot.status)) return false;

    job.controller.abort();
    return true;
  }

  /** Run ids of unfinished runs in this process. */
  activeRunIds(): string[] {
    return [...this.jobs.values()]
      .filter((job) => !isFinished(job.snapshot.status))
      .map((job) => job.snapshot.runId);
  }

  private emit(job: LabJob, event: LabJobEvent): void {
    for (const listener of job.listeners) {
      try {
        listener(event);
      } catch {
        // A failing subscriber (a closed stream) must not stop the others.
        job.listeners.delete(listener);
      }
    }
  }
}

function isFinished(status: LabJobStatus): boolean {
  return (
    status === "succeeded" || status === "failed" || status === "cancelled"
  );
}

const registryKey = Symbol.for("drillbook.labs.jobRegistry");

type GlobalWithRegistry = typeof globalThis & {
  [registryKey]?: LabJobRegistry;
};

/** Returns the process-wide job registry. */
export function getLabJobRegistry(): LabJobRegistry {
  const globals = globalThis as GlobalWithRegistry;
  globals[registryKey] ??= new LabJobRegistry();
  return globals[registryKey];
}
