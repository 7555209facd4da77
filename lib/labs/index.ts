/**
 * Lab runner: the labs' definitions and computations on lib/ml (one lab
 * per drill, plus a first slice of drill 1), a
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
 * cancelLabRun. Every call takes the user's id and returns only that user's
 * runs.
 *
 * Grading: question specs name a metric path into the result
 * (readResultMetric) or a rule (labRules, applyLabRule). Rule names are
 * unique across labs.
 *
 * Labs, with the result fields the pages chart (types next to each
 * definition in lib/labs/definitions; curves have at most 200 points):
 * - ctr-baseline-vs-lr (drill 1, first slice): metrics.{baseline_popularity,
 *   logistic_regression}.{accuracy, precision, recall, f1, roc_auc},
 *   roc.<model> [{fpr, tpr}], popularityThreshold, logisticRegression
 *   coefficients, dataset sizes.
 * - model-progression (drill 1): metrics.<model> and table rows for
 *   baseline_majority, baseline_random, baseline_popularity,
 *   logistic_regression, decision_tree, random_forest, gradient_boosting,
 *   ensemble_average; roc.<model>; fitMilliseconds.
 * - class-imbalance (drill 2): majorityBaseline.{accuracy,
 *   average_precision}, metrics.<mitigation> (none, oversampling,
 *   undersampling, class_weight, focal_loss, threshold_moving) with
 *   threshold and average_precision, confusion.<mitigation>,
 *   prCurves.<method> [{recall, precision}], thresholdMoving, task,
 *   operatingPoints. checkImbalanceTask(result, { method, threshold })
 *   grades the task; thresholds come from imbalanceThresholdGrid.
 * - label-noise (drill 3): outcomes.<set> (clean, uniform_flips,
 *   feedback_loop, both) with noiseRate, roc_auc_clean, roc_auc_noisy,
 *   coefficients; roc.<set>; review.{sampleSize, disagreements,
 *   interval.{estimate, lower, upper, confidence}, trueNoiseRate}.
 * - distributed-training (drill 4): memory (GiB per part, strategy,
 *   reasons), throughput (epoch hours, all-reduce GiB per step),
 *   simulation.lossCurves.<run> [{epoch, loss}] for single_worker,
 *   data_parallel, data_parallel_scaled_lr.
 * - development-checklist (drill 5): depthSweep.points [{maxDepth,
 *   train_roc_auc, validation_roc_auc, test_roc_auc}], bestDepth;
 *   roundsSweep.points (plus validation_log_loss) and earlyStopping;
 *   calibration.{before, after}.{bins, brier, logLoss,
 *   expectedCalibrationError}.
 * Page texts, parameter labels and lab questions for each lab are in
 * content/labs/<slug>.yaml (loadLabContent). The parameter
 * schemas and defaults are on each definition (getLabDefinition(slug)).
 *
 * The pool runs .build/lab-worker.mjs, built by `npm run build:worker`
 * (part of `npm run build`); under Vitest it loads lib/labs/worker.ts
 * through tsx. It has one thread fewer than the machine has cores, at
 * least one; LAB_WORKER_THREADS sets another count.
 */
export {
  labContentDirectory,
  loadLabContent,
  type LabContent,
} from "./content";
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
export type { LabJobEvent, LabJobSnapshot, LabJobStatus } from "./job-registry";
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
export {
  checkImbalanceTask,
  imbalanceThresholdGrid,
  type ImbalanceTaskChoice,
  type ImbalanceTaskOutcome,
} from "./definitions/imbalance-task";
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
