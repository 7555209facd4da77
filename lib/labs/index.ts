/**
 * Lab runner: the five labs' definitions and computations on lib/ml, a
 * worker-thread pool that keeps them off the server's event loop, result
 * caching in PostgreSQL, per-account limits, progress, cancellation and
 * time limits.
 *
 * Starting a run (a server action):
 *
 *   const { run, completion } = await startLabRun({ prisma, userId, lab, params });
 *   // run.status is "SUCCEEDED" (cache hit, run.result set) or "RUNNING".
 *   // await completion for the finished run; it never rejects, and a
 *   // failed run has status "FAILED" or "CANCELLED" and a safe `error`.
 *
 * startLabRun throws UserError subclasses whose message can be shown as is:
 * UnknownLabError, LabParamsError (`fieldErrors` by parameter name, e.g.
 * "rows must be between 1,000 and 100,000") and LabLimitError (2 runs at
 * once and 30 computed runs an hour per account by default; cache hits do
 * not count). Limits and the 60 s time limit come from
 * LAB_MAX_CONCURRENT_RUNS, LAB_MAX_RUNS_PER_HOUR and LAB_TIME_LIMIT_MS.
 *
 * Streaming progress (a route handler):
 *
 *   const stream = await openLabRunEventStream({ prisma, userId, runId });
 *   if (!stream) return new Response("Not found", { status: 404 });
 *   return new Response(stream, { headers: { "Content-Type": "text/event-stream",
 *     "Cache-Control": "no-cache" } });
 *
 * Events: "snapshot" (LabJobSnapshot: status, latest progress, partial
 * results so far), "progress" (LabProgress: fraction, stage, optional
 * partial { key, value }) and "finished" (LabJobSnapshot with the result or
 * the error). Close the EventSource on "finished"; otherwise it reconnects.
 *
 * Reading runs: getLabRun (with result), listLabRuns (without results),
 * cancelLabRun. Every call takes the user's id and sees only their runs.
 *
 * Grading: question specs name a metric path into the result
 * (readResultMetric) or a rule (labRules, applyLabRule). Rule names are
 * unique across labs.
 *
 * Labs (slug: result fields the pages chart):
 * - ctr-baseline-vs-lr: dataset, metrics.{baseline_popularity,
 *   logistic_regression}.{accuracy, precision, recall, f1, roc_auc}, roc
 *   curves, popularityThreshold, logisticRegression coefficients.
 * The parameter schemas and defaults are on each definition
 * (getLabDefinition(slug).paramsSchema / .defaults).
 *
 * The pool runs .build/lab-worker.mjs, built by `npm run build:worker`
 * (part of `npm run build`); under Vitest it loads lib/labs/worker.ts
 * through tsx. It has one thread fewer than the machine has cores, at
 * least one; LAB_WORKER_THREADS sets another count.
 */
export { ENGINE_VERSION } from "./engine-version";
export {
  LabBusyError,
  LabCancelledError,
  LabLimitError,
  LabParamsError,
  LabTimeoutError,
  LabWorkerError,
  UnknownLabError,
} from "./errors";
export type { LabExecutionOptions, LabExecutor } from "./executor";
export type {
  LabJobEvent,
  LabJobSnapshot,
  LabJobStatus,
} from "./job-registry";
export { defaultLabRunLimits, type LabRunLimits } from "./limits";
export { canonicalJson, computeParamsHash } from "./params-hash";
export { closeLabPool, getLabPool, LabPool, type LabPoolOptions } from "./pool";
export {
  getLabDefinition,
  labDefinitions,
  labSlugs,
  parseLabParams,
} from "./registry";
export { applyLabRule, labRules, readResultMetric } from "./rules";
export type { LabRunSummary, LabRunView } from "./run-view";
export {
  cancelLabRun,
  getLabRun,
  listLabRuns,
  openLabRunEventStream,
  setDefaultLabExecutor,
  startLabRun,
  type StartedLabRun,
  type StartLabRunInput,
} from "./runner";
export type {
  AnyLabDefinition,
  JsonValue,
  LabDefinition,
  LabProgress,
} from "./types";
