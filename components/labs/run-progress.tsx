"use client";

import type { JsonValue } from "@/lib/labs/types";

import { CurveChart, DataTable, type CurveSeries } from "./charts";
import { formatScore, labelOf } from "./labels";
import type { RunStreamState } from "./use-run-stream";

/** Most numeric columns a partial-results table shows. */
const maxColumns = 7;

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a list of { epoch, loss } points, as the distributed-training lab reports. */
function isLossCurve(
  value: JsonValue,
): value is { epoch: number; loss: number }[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (point) =>
        isObject(point) &&
        typeof point.epoch === "number" &&
        typeof point.loss === "number",
    )
  );
}

/** Returns the numeric fields of an object: the row a partial result adds. */
function numericFields(value: JsonObject): [string, number][] {
  return Object.entries(value).filter(
    (entry): entry is [string, number] => typeof entry[1] === "number",
  );
}

/**
 * Shows the parts of a result that are final before the run ends: a table
 * row per model, mitigation or label set as each arrives, and loss curves
 * as each training run finishes.
 */
export function PartialResults({
  partials,
}: {
  partials: [string, JsonValue][];
}) {
  const curves: CurveSeries[] = [];
  const rows: Record<string, unknown>[] = [];
  const columns: string[] = [];

  for (const [key, value] of partials) {
    if (isLossCurve(value)) {
      curves.push({
        key,
        label: labelOf(key),
        points: value.map((point) => ({ x: point.epoch, y: point.loss })),
      });
      continue;
    }
    if (!isObject(value)) continue;
    const fields = isObject(value.interval ?? null)
      ? numericFields({ ...value, ...(value.interval as JsonObject) })
      : numericFields(value);
    const row: Record<string, unknown> = { part: labelOf(key) };
    for (const [field, number] of fields) {
      if (!columns.includes(field)) {
        if (columns.length >= maxColumns) continue;
        columns.push(field);
      }
      row[field] = number;
    }
    rows.push(row);
  }

  if (rows.length === 0 && curves.length === 0) return null;
  return (
    <div className="space-y-3" data-testid="lab-partials">
      {rows.length > 0 && (
        <DataTable
          caption="Results so far"
          columns={[
            { key: "part", label: "Finished so far" },
            ...columns.map((column) => ({
              key: column,
              label: labelOf(column),
              format: (value: unknown) =>
                typeof value === "number" ? formatScore(value) : "",
            })),
          ]}
          rows={rows}
        />
      )}
      {curves.length > 0 && (
        <CurveChart
          series={curves}
          xLabel="Epoch"
          yLabel="Training log loss"
          integerX
          dots
          height={240}
        />
      )}
    </div>
  );
}

/** Progress of a running lab: a bar, the current step and partial results. */
export function RunProgress({
  stream,
  elapsedSeconds,
}: {
  stream: RunStreamState;
  elapsedSeconds: number;
}) {
  const fraction = stream.progress?.fraction ?? 0;
  const percent = Math.round(fraction * 100);
  const stage =
    stream.progress?.stage ??
    (stream.status === "queued"
      ? "Waiting for a free worker"
      : "Starting the computation");

  return (
    <div className="space-y-3" data-testid="lab-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span data-testid="lab-progress-stage">{stage}</span>
        <span className="tabular-nums text-slate-500">
          {percent}% · {elapsedSeconds} s
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Lab run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div
          className="h-full bg-indigo-600 transition-[width]"
          style={{ width: `${percent}%` }}
        />
      </div>
      <PartialResults partials={stream.partials} />
    </div>
  );
}
