import { UserError } from "../errors";

/** A lab slug that no definition in lib/labs/definitions has. */
export class UnknownLabError extends UserError {
  constructor(lab: string, known: readonly string[]) {
    super(`Unknown lab "${lab}"; use one of: ${known.join(", ")}.`);
    this.name = "UnknownLabError";
  }
}

/** Lab parameters that fail the lab's schema; fieldErrors name each one. */
export class LabParamsError extends UserError {
  constructor(
    lab: string,
    message: string,
    fieldErrors: Record<string, string[]>,
  ) {
    super(`Invalid parameters for lab "${lab}": ${message}`, fieldErrors);
    this.name = "LabParamsError";
  }
}

/** A run refused by a per-account limit (concurrent or hourly runs). */
export class LabLimitError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = "LabLimitError";
  }
}

/** The pool's queue is full; the caller should retry later. */
export class LabBusyError extends UserError {
  constructor(
    message = "The lab runner is busy with other runs; try again in a minute.",
  ) {
    super(message);
    this.name = "LabBusyError";
  }
}

/** A run that passed its time limit and was stopped. */
export class LabTimeoutError extends UserError {
  readonly timeLimitMs: number;

  constructor(timeLimitMs: number) {
    super(
      `The lab run timed out after ${timeLimitMs / 1000} s and was stopped; ` +
        "try fewer rows, fewer trees or fewer boosting rounds.",
    );
    this.name = "LabTimeoutError";
    this.timeLimitMs = timeLimitMs;
  }
}

/** A run stopped because its caller cancelled it. */
export class LabCancelledError extends UserError {
  constructor() {
    super("The lab run was cancelled.");
    this.name = "LabCancelledError";
  }
}

/**
 * A run whose computation threw or whose worker thread died. The message
 * carries the worker's error message; the pool replaces the thread.
 */
export class LabWorkerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LabWorkerError";
  }
}
