"use client";

import type { LabRunListItem } from "@/app/labs/lab-pages";

import { formatSeconds, formatTime } from "./labels";
import { formatBound, type LabParameterField } from "./parameter-fields";

const statusLabels: Record<LabRunListItem["status"], string> = {
  QUEUED: "Queued",
  RUNNING: "Running",
  SUCCEEDED: "Finished",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

const statusTones: Record<LabRunListItem["status"], string> = {
  QUEUED: "bg-slate-100 text-slate-700",
  RUNNING: "bg-indigo-100 text-indigo-800",
  SUCCEEDED: "bg-green-100 text-green-800",
  FAILED: "bg-red-100 text-red-800",
  CANCELLED: "bg-amber-100 text-amber-800",
};

/** Lists a run's parameters that differ from the defaults, e.g. "rows 2,000, seed 7". */
export function describeParams(
  params: Record<string, unknown>,
  fields: LabParameterField[],
): string {
  const changed = fields
    .filter(
      (field) =>
        params[field.name] !== undefined &&
        params[field.name] !== field.defaultValue,
    )
    .map((field) => {
      const value = params[field.name];
      const text =
        typeof value === "number" ? formatBound(value) : String(value);
      return `${field.name} ${text}`;
    });
  return changed.length > 0 ? changed.join(", ") : "default parameters";
}

/** Renders a run's status as a badge, e.g. "Finished". */
export function RunStatusBadge({
  status,
}: {
  status: LabRunListItem["status"];
}) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs ${statusTones[status]}`}>
      {statusLabels[status]}
    </span>
  );
}

/**
 * Lists the learner's own runs of a lab, newest first. A finished run can
 * be opened to show its results and answer the questions against it. A
 * run in progress can be followed, and a failed run shows why it failed.
 */
export function RunsList({
  runs,
  fields,
  selectedId,
  activeId,
  busy,
  onOpen,
}: {
  runs: LabRunListItem[];
  fields: LabParameterField[];
  selectedId: string | null;
  activeId: string | null;
  busy: boolean;
  onOpen: (run: LabRunListItem) => void;
}) {
  if (runs.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="lab-runs-empty">
        You have not run this lab yet.
      </p>
    );
  }

  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="lab-runs">
      {runs.map((run) => {
        const selected = run.id === selectedId;
        const following = run.id === activeId;
        const inProgress = run.status === "RUNNING" || run.status === "QUEUED";
        return (
          <li
            key={run.id}
            className={`flex flex-wrap items-center gap-x-3 gap-y-1 py-2 ${
              selected ? "bg-indigo-50" : ""
            }`}
            data-testid="lab-run-item"
            data-run-id={run.id}
            data-status={run.status}
          >
            <RunStatusBadge status={run.status} />
            {run.cached && (
              <span
                className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700"
                title="Someone already ran these parameters, so the stored result was reused."
              >
                Cached
              </span>
            )}
            <span className="text-slate-500">{formatTime(run.createdAt)}</span>
            <span className="min-w-0 flex-1 break-words">
              {describeParams(run.params, fields)}
            </span>
            {run.durationMs !== null && (
              <span className="tabular-nums text-slate-500">
                {formatSeconds(run.durationMs)}
              </span>
            )}
            {run.status === "SUCCEEDED" &&
              (selected ? (
                <span className="text-xs font-medium text-indigo-700">
                  Shown
                </span>
              ) : (
                <button
                  type="button"
                  onClick={() => onOpen(run)}
                  disabled={busy}
                  className="rounded border border-indigo-300 px-2 py-0.5 text-xs text-indigo-700 hover:bg-indigo-50 disabled:opacity-50"
                >
                  Open
                </button>
              ))}
            {inProgress && !following && (
              <button
                type="button"
                onClick={() => onOpen(run)}
                disabled={busy}
                className="rounded border border-indigo-300 px-2 py-0.5 text-xs text-indigo-700 hover:bg-indigo-50 disabled:opacity-50"
              >
                Follow
              </button>
            )}
            {run.error && (
              <p className="w-full text-xs text-red-700">{run.error}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
