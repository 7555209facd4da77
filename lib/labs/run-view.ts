import type { LabRun, LabRunStatus } from "../generated/prisma/client";
import type { LabJobSnapshot, LabJobStatus } from "./job-registry";
import type { JsonValue, LabProgress } from "./types";

/** A lab run as the runner returns it to pages and actions. */
export interface LabRunView {
  id: string;
  userId: string | null;
  lab: string;
  params: JsonValue;
  paramsHash: string;
  engineVersion: string;
  status: LabRunStatus;
  /** The lab's result once SUCCEEDED; null before and on failure. */
  result: JsonValue | null;
  /** Message safe to show the learner, set on FAILED and CANCELLED. */
  error: string | null;
  /** True when the result was copied from an earlier run with the same hash. */
  cached: boolean;
  /**
   * Wall time of this run from request to stored result, in milliseconds,
   * queue wait included. For a cache hit it is the time of the lookup and
   * the copy.
   */
  durationMs: number | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Latest progress while the run is in this process, else null. */
  progress: LabProgress | null;
}

/** A run without its result, for lists. */
export type LabRunSummary = Omit<LabRunView, "result" | "progress">;

/** Builds a view from a row and, when the run is in this process, its snapshot. */
export function toLabRunView(
  row: LabRun,
  snapshot: LabJobSnapshot | null = null,
): LabRunView {
  return {
    id: row.id,
    userId: row.userId,
    lab: row.lab,
    params: row.params as JsonValue,
    paramsHash: row.paramsHash,
    engineVersion: row.engineVersion,
    status: row.status,
    result: (row.result as JsonValue | null) ?? null,
    error: row.error,
    cached: row.cached,
    durationMs: row.durationMs,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    progress: snapshot?.progress ?? null,
  };
}

/** Builds a list entry from a row read without its result. */
export function toLabRunSummary(row: Omit<LabRun, "result">): LabRunSummary {
  return {
    id: row.id,
    userId: row.userId,
    lab: row.lab,
    params: row.params as JsonValue,
    paramsHash: row.paramsHash,
    engineVersion: row.engineVersion,
    status: row.status,
    error: row.error,
    cached: row.cached,
    durationMs: row.durationMs,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

/** Builds a job snapshot from a stored row, for runs not in this process. */
export function snapshotFromRow(row: LabRun): LabJobSnapshot {
  return {
    runId: row.id,
    lab: row.lab,
    status: row.status.toLowerCase() as LabJobStatus,
    progress: null,
    partials: {},
    result: (row.result as JsonValue | null) ?? null,
    error: row.error,
    durationMs: row.durationMs,
  };
}
