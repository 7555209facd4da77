import type { MessagePort } from "node:worker_threads";

import type { LabProgress } from "./types";

/** Task the pool sends a worker thread for one run. */
export interface LabWorkerTask {
  lab: string;
  /** Parameters as the lab's schema parsed them (defaults filled in). */
  params: unknown;
  /** Port for progress messages; moved to the worker in the transfer list. */
  progressPort?: MessagePort;
}

/** Messages a worker posts on the task's progress port. */
export type LabWorkerMessage =
  { type: "started" } | { type: "progress"; progress: LabProgress };
