import type { LabRun, Prisma, PrismaClient } from "../generated/prisma/client";
import { UserError } from "../errors";
import { log } from "../log";
import { ENGINE_VERSION } from "./engine-version";
import { LabCancelledError, LabLimitError } from "./errors";
import type { LabExecutor } from "./executor";
import { getLabJobRegistry } from "./job-registry";
import { resolveLabRunLimits, type LabRunLimits } from "./limits";
import { computeParamsHash } from "./params-hash";
import { getLabPool, LabPool } from "./pool";
import { configuredLabExecutor } from "./queue-executor";
import { parseLabParams } from "./registry";
import {
  snapshotFromRow,
  toLabRunSummary,
  toLabRunView,
  type LabRunSummary,
  type LabRunView,
} from "./run-view";
import { createServerSentEventStream } from "./sse";
import type { JsonValue } from "./types";

/** The Prisma client, or a transaction client, the runner writes with. */
export type LabRunnerPrisma = PrismaClient;

export interface StartLabRunInput {
  prisma: LabRunnerPrisma;
  userId: string;
  lab: string;
  /** Raw parameters from the form; validated and defaulted here. */
  params: unknown;
  /** Executor of the computation; the process-wide worker pool by default. */
  executor?: LabExecutor;
  /** Overrides of the per-account limits and the time limit. */
  limits?: Partial<LabRunLimits>;
}

export interface StartedLabRun {
  /** The run as stored: SUCCEEDED for a cache hit, RUNNING otherwise. */
  run: LabRunView;
  /** Resolves with the finished run (any final status); never rejects. */
  completion: Promise<LabRunView>;
}

const executorKey = Symbol.for("drillbook.labs.executor");
const completionsKey = Symbol.for("drillbook.labs.completions");

type RunnerGlobals = typeof globalThis & {
  [executorKey]?: LabExecutor;
  [completionsKey]?: Map<string, Promise<LabRunView>>;
};

/**
 * Replaces the executor used when startLabRun gets none, e.g. with a job
 * queue; pass undefined to return to the worker pool.
 */
export function setDefaultLabExecutor(executor: LabExecutor | undefined): void {
  (globalThis as RunnerGlobals)[executorKey] = executor;
}

function defaultExecutor(): LabExecutor {
  return (
    (globalThis as RunnerGlobals)[executorKey] ??
    configuredLabExecutor() ??
    getLabPool()
  );
}

const processStartKey = Symbol.for("drillbook.labs.processStartedAt");

/** When this process first loaded the runner; kept across dev reloads. */
export function processStartedAt(): Date {
  const store = globalThis as typeof globalThis & { [processStartKey]?: Date };
  return (store[processStartKey] ??= new Date());
}
processStartedAt();

function completions(): Map<string, Promise<LabRunView>> {
  const globals = globalThis as RunnerGlobals;
  globals[completionsKey] ??= new Map();
  return globals[completionsKey];
}

/**
 * Starts a lab run for a user. It validates the parameters first. When an
 * earlier run with the same parameters hash succeeded, it stores a new
 * row marked cached with that result. Otherwise it checks the account's
 * limits, stores a RUNNING row and computes the result on the executor in
 * the background, with progress in the job registry under the run's id.
 *
 * @throws {UnknownLabError} for an unknown lab slug.
 * @throws {LabParamsError} for invalid parameters, naming each one.
 * @throws {LabLimitError} when the account is at its concurrent or hourly
 *   limit.
 * @throws {Error} when the worker pool cannot start because its bundled
 *   worker file is missing; the message names `npm run build:worker`.
 */
export async function startLabRun(
  input: StartLabRunInput,
): Promise<StartedLabRun> {
  const { prisma, userId, lab } = input;
  const requestedAt = performance.now();
  const params = parseLabParams(lab, input.params) as Prisma.InputJsonValue;
  const paramsHash = computeParamsHash(lab, params);

  const stored = await prisma.labRun.findFirst({
    where: { paramsHash, status: "SUCCEEDED", engineVersion: ENGINE_VERSION },
    orderBy: { createdAt: "asc" },
    select: { result: true },
  });
  if (stored?.result != null) {
    const durationMs = Math.round(performance.now() - requestedAt);
    const row = await prisma.labRun.create({
      data: {
        userId,
        lab,
        params,
        paramsHash,
        engineVersion: ENGINE_VERSION,
        status: "SUCCEEDED",
        result: stored.result as Prisma.InputJsonValue,
        cached: true,
        durationMs,
        finishedAt: new Date(),
      },
    });
    log.info(
      {
        runId: row.id,
        userId,
        lab,
        paramsHash,
        durationMs,
        outcome: "succeeded",
        cached: true,
      },
      "lab run finished",
    );
    const run = toLabRunView(row);
    return { run, completion: Promise.resolve(run) };
  }

  const limits = resolveLabRunLimits(input.limits);
  // Resolved before the row exists: a pool that cannot start (its worker
  // file missing) must not leave a RUNNING row behind.
  const executor = input.executor ?? defaultExecutor();
  const row = await createRunningRow(
    prisma,
    { userId, lab, params, paramsHash },
    limits,
    executor instanceof LabPool ? processStartedAt() : null,
  );
  log.info({ runId: row.id, userId, lab, paramsHash }, "lab run started");

  const registry = getLabJobRegistry();
  const controller = registry.register(row.id, lab, userId);
  const completion = executeRun({
    prisma,
    executor,
    row,
    userId,
    lab,
    params,
    paramsHash,
    timeLimitMs: limits.timeLimitMs,
    signal: controller.signal,
    requestedAt,
  });
  completions().set(row.id, completion);
  void completion.finally(() => completions().delete(row.id));

  return { run: toLabRunView(row, registry.snapshot(row.id)), completion };
}

/**
 * Checks the account's limits and stores the RUNNING row in one
 * transaction, under a per-user advisory lock so that two simultaneous
 * starts cannot both pass the concurrent check.
 */
async function createRunningRow(
  prisma: LabRunnerPrisma,
  run: {
    userId: string;
    lab: string;
    params: Prisma.InputJsonValue;
    paramsHash: string;
  },
  limits: LabRunLimits,
  poolStartedAt: Date | null,
) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lab-runs:${run.userId}`}))`;
    const now = Date.now();

    // A run computes in the pool of the process that started it, so with
    // the in-process pool a run older than this process died with the
    // process before it. NOTE: this assumes one app instance per
    // database; several instances share runs through LAB_EXECUTOR=queue.
    const abandonedBefore = Math.max(
      now - limits.abandonedAfterMs,
      poolStartedAt?.getTime() ?? 0,
    );
    await tx.labRun.updateMany({
      where: {
        userId: run.userId,
        status: { in: ["QUEUED", "RUNNING"] },
        createdAt: { lt: new Date(abandonedBefore) },
      },
      data: {
        status: "FAILED",
        error: "The lab run stopped when its server restarted; run it again.",
        finishedAt: new Date(now),
      },
    });

    const active = await tx.labRun.count({
      where: { userId: run.userId, status: { in: ["QUEUED", "RUNNING"] } },
    });
    if (active >= limits.maxConcurrentRuns) {
      throw new LabLimitError(
        `You already have ${active} lab runs in progress, the most allowed at once (${limits.maxConcurrentRuns}); wait for one to finish or cancel it.`,
      );
    }

    const hourAgo = new Date(now - 60 * 60_000);
    const recentWhere = {
      userId: run.userId,
      cached: false,
      createdAt: { gte: hourAgo },
    };
    const recent = await tx.labRun.count({ where: recentWhere });
    if (recent >= limits.maxRunsPerHour) {
      const oldest = await tx.labRun.findFirst({
        where: recentWhere,
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      });
      const freeAt = (oldest?.createdAt.getTime() ?? now) + 60 * 60_000;
      const minutes = Math.max(1, Math.ceil((freeAt - now) / 60_000));
      throw new LabLimitError(
        `You have started ${recent} lab runs in the past hour, the most allowed (${limits.maxRunsPerHour}); try again in ${minutes} min. Runs with parameters someone already ran do not count.`,
      );
    }

    return tx.labRun.create({
      data: {
        userId: run.userId,
        lab: run.lab,
        params: run.params,
        paramsHash: run.paramsHash,
        engineVersion: ENGINE_VERSION,
        status: "RUNNING",
      },
    });
  });
}

interface ExecuteRunInput {
  prisma: LabRunnerPrisma;
  executor: LabExecutor;
  row: LabRun;
  userId: string;
  lab: string;
  params: unknown;
  paramsHash: string;
  timeLimitMs: number;
  signal: AbortSignal;
  requestedAt: number;
}

/** Runs the computation and stores its outcome; never rejects. */
async function executeRun(input: ExecuteRunInput): Promise<LabRunView> {
  const { prisma, userId, lab, paramsHash } = input;
  const runId = input.row.id;
  const registry = getLabJobRegistry();
  const context = { runId, userId, lab, paramsHash };

  let result: JsonValue | undefined;
  let failure: unknown;
  try {
    result = await input.executor.execute(
      { lab, params: input.params },
      {
        signal: input.signal,
        timeLimitMs: input.timeLimitMs,
        onStart: () => registry.markRunning(runId),
        onProgress: (progress) => registry.reportProgress(runId, progress),
      },
    );
  } catch (error) {
    failure = error;
  }
  const durationMs = Math.round(performance.now() - input.requestedAt);
  const finishedAt = new Date();

  if (failure === undefined) {
    try {
      const row = await prisma.labRun.update({
        where: { id: runId },
        data: {
          status: "SUCCEEDED",
          result: result as Prisma.InputJsonValue,
          durationMs,
          finishedAt,
        },
      });
      registry.finish(runId, { status: "succeeded", result, durationMs });
      log.info(
        { ...context, durationMs, outcome: "succeeded", cached: false },
        "lab run finished",
      );
      return toLabRunView(row);
    } catch (error) {
      if (isRecordNotFound(error)) {
        registry.finish(runId, { status: "succeeded", result, durationMs });
        log.warn(context, "lab run row was deleted before the run finished");
        const stored = { status: "SUCCEEDED" as const, durationMs, finishedAt };
        return toLabRunView({ ...input.row, ...stored, result: result! });
      }
      log.error(
        { ...context, err: error },
        "storing the lab run result failed",
      );
      failure = new UserError(
        "The lab run finished, but its result could not be saved; run it again.",
      );
    }
  }

  const cancelled = failure instanceof LabCancelledError;
  const message =
    failure instanceof UserError
      ? failure.message
      : `The lab computation failed: ${failure instanceof Error ? failure.message : String(failure)}`;
  const status = cancelled ? "CANCELLED" : "FAILED";
  registry.finish(runId, {
    status: cancelled ? "cancelled" : "failed",
    error: message,
    durationMs,
  });
  if (cancelled) {
    log.info(
      { ...context, durationMs, outcome: "cancelled" },
      "lab run finished",
    );
  } else if (failure instanceof UserError) {
    // Expected failures (time limit, busy pool): the message is complete.
    log.warn(
      { ...context, durationMs, outcome: "failed", error: message },
      "lab run finished",
    );
  } else {
    log.error(
      { ...context, durationMs, outcome: "failed", err: failure },
      "lab run finished",
    );
  }

  try {
    const row = await prisma.labRun.update({
      where: { id: runId },
      data: { status, error: message, durationMs, finishedAt },
    });
    return toLabRunView(row);
  } catch (error) {
    // The row, unless deleted, stays RUNNING until it counts as abandoned;
    // the caller still gets the outcome.
    if (isRecordNotFound(error)) {
      log.warn(context, "lab run row was deleted before the run finished");
    } else {
      log.error(
        { ...context, err: error },
        "storing the lab run failure failed",
      );
    }
    return toLabRunView({
      ...input.row,
      status,
      error: message,
      durationMs,
      finishedAt,
    });
  }
}

/** True for Prisma's "record to update not found" error (code P2025). */
function isRecordNotFound(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === "P2025"
  );
}

/**
 * Cancels a queued or running run of this user and waits for it to stop.
 * Returns the run as it ended (CANCELLED, or SUCCEEDED or FAILED when it
 * finished first), or null when the user has no run with this id.
 *
 * A run started by another server process cannot be reached from here, so
 * it is returned unchanged. The exception is a run old enough to count as
 * abandoned, which is marked CANCELLED.
 */
export async function cancelLabRun(input: {
  prisma: LabRunnerPrisma;
  userId: string;
  runId: string;
  limits?: Partial<LabRunLimits>;
}): Promise<LabRunView | null> {
  const { prisma, userId, runId } = input;
  const row = await prisma.labRun.findFirst({ where: { id: runId, userId } });
  if (!row) return null;

  const registry = getLabJobRegistry();
  if (registry.cancel(runId)) {
    log.info({ runId, userId, lab: row.lab }, "lab run cancel requested");
    const completion = completions().get(runId);
    if (completion) return completion;
  }

  const finished = row.status !== "QUEUED" && row.status !== "RUNNING";
  const { abandonedAfterMs } = resolveLabRunLimits(input.limits);
  const abandoned = Date.now() - row.createdAt.getTime() > abandonedAfterMs;
  if (finished || !abandoned || registry.snapshot(runId)) {
    return toLabRunView(row, registry.snapshot(runId));
  }

  const updated = await prisma.labRun.update({
    where: { id: runId },
    data: {
      status: "CANCELLED",
      error: new LabCancelledError().message,
      finishedAt: new Date(),
    },
  });
  return toLabRunView(updated);
}

/**
 * Returns one of the user's runs with its result, or null when the user
 * has no run with this id. A run in progress in this process comes with
 * its latest progress.
 */
export async function getLabRun(input: {
  prisma: LabRunnerPrisma;
  userId: string;
  runId: string;
}): Promise<LabRunView | null> {
  const row = await input.prisma.labRun.findFirst({
    where: { id: input.runId, userId: input.userId },
  });
  if (!row) return null;
  return toLabRunView(row, getLabJobRegistry().snapshot(row.id));
}

/**
 * Lists the user's runs of one lab, newest first, without their results
 * (load one with getLabRun).
 *
 * @param take how many runs to return, 1 to 100; 20 by default.
 */
export async function listLabRuns(input: {
  prisma: LabRunnerPrisma;
  userId: string;
  lab: string;
  take?: number;
}): Promise<LabRunSummary[]> {
  const take = Math.min(100, Math.max(1, Math.trunc(input.take ?? 20)));
  const rows = await input.prisma.labRun.findMany({
    where: { userId: input.userId, lab: input.lab },
    orderBy: { createdAt: "desc" },
    take,
    omit: { result: true },
  });
  return rows.map(toLabRunSummary);
}

/**
 * Opens a server-sent-event stream of one of the user's runs, for a route
 * handler to return as `text/event-stream`. It starts with a "snapshot"
 * event (status, latest progress, partial results), then sends "progress"
 * events and ends with one "finished" event carrying the result or error.
 * A finished run gets one "finished" event from its stored row. A run in
 * another server process gets a "snapshot" of its row, then the stream
 * ends and the browser's EventSource reconnects. Returns null when the user has
 * no run with this id.
 */
export async function openLabRunEventStream(input: {
  prisma: LabRunnerPrisma;
  userId: string;
  runId: string;
}): Promise<ReadableStream<Uint8Array> | null> {
  const registry = getLabJobRegistry();
  if (registry.ownerOf(input.runId) === input.userId) {
    const stream = createServerSentEventStream(
      (listener) => registry.subscribe(input.runId, listener) ?? (() => {}),
    );
    return stream;
  }

  const row = await input.prisma.labRun.findFirst({
    where: { id: input.runId, userId: input.userId },
  });
  if (!row) return null;

  const snapshot = snapshotFromRow(row);
  const finished = row.status !== "QUEUED" && row.status !== "RUNNING";
  return createServerSentEventStream((listener, end) => {
    if (finished) {
      listener({ type: "finished", snapshot });
    } else {
      // Running in another process: send the stored row and end, so the
      // browser reconnects and reads the row again.
      listener({ type: "snapshot", snapshot });
      end();
    }
    return () => {};
  });
}
