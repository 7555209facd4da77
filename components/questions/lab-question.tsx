"use client";

import { useState, useTransition } from "react";

import { runLabAction } from "@/app/labs/actions";

/** A finished lab run as the drill page shows it. */
export interface LabRunSummary {
  id: string;
  lab: string;
  params: Record<string, unknown>;
  durationMs: number | null;
  cached: boolean;
  result: { metrics?: Record<string, Record<string, number>> } | null;
}

const metricLabels: Record<string, string> = {
  accuracy: "Accuracy",
  precision: "Precision",
  recall: "Recall",
  f1: "F1",
  roc_auc: "ROC-AUC",
};

function MetricsTable({
  metrics,
}: {
  metrics: Record<string, Record<string, number>>;
}) {
  const models = Object.keys(metrics);
  const columns = Object.keys(metricLabels).filter((metric) =>
    models.some((model) => metrics[model][metric] !== undefined),
  );
  return (
    <div className="overflow-x-auto">
      <table
        className="mt-2 w-full text-left text-sm"
        data-testid="lab-metrics"
      >
        <thead>
          <tr className="border-b border-slate-200">
            <th className="py-1 pr-2">Model</th>
            {columns.map((column) => (
              <th key={column} className="py-1 pr-2">
                {metricLabels[column]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model} className="border-b border-slate-100">
              <td className="py-1 pr-2">{model.replaceAll("_", " ")}</td>
              {columns.map((column) => (
                <td key={column} className="py-1 pr-2 tabular-nums">
                  {metrics[model][column]?.toFixed(4) ?? "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LabQuestionRunner({
  lab,
  run,
  onRun,
}: {
  lab: string;
  run: LabRunSummary | null;
  onRun: (run: LabRunSummary) => void;
}) {
  const [seed, setSeed] = useState("42");
  const [rows, setRows] = useState("10000");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const start = () => {
    setError(null);
    startTransition(async () => {
      const result = await runLabAction({
        lab,
        params: { seed: Number(seed), rows: Number(rows) },
      });
      if (!result.ok) {
        setError(result.error);
      } else if (result.data.status !== "SUCCEEDED") {
        setError(result.data.error ?? "The lab run did not finish. Try again.");
      } else {
        onRun(result.data as LabRunSummary);
      }
    });
  };

  return (
    <div className="mb-3 rounded border border-indigo-200 bg-indigo-50 p-3 text-sm">
      <div className="flex flex-wrap items-end gap-3">
        <label>
          Rows
          <input
            value={rows}
            onChange={(event) => setRows(event.target.value)}
            inputMode="numeric"
            className="ml-1 w-24 rounded border border-slate-300 px-1"
          />
        </label>
        <label>
          Seed
          <input
            value={seed}
            onChange={(event) => setSeed(event.target.value)}
            inputMode="numeric"
            className="ml-1 w-20 rounded border border-slate-300 px-1"
          />
        </label>
        <button
          type="button"
          onClick={start}
          disabled={pending}
          className="rounded bg-indigo-600 px-3 py-1 text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {pending ? "Training…" : run ? "Run again" : "Run the lab"}
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-red-800">
          {error}
        </p>
      )}
      {run && (
        <div data-testid="lab-run" data-run-id={run.id}>
          <p className="mt-2 text-slate-600">
            Run {run.id.slice(-6)}: {String(run.params.rows)} rows, seed{" "}
            {String(run.params.seed)}
            {run.cached ? ", from the cache" : ""}
            {run.durationMs != null ? `, ${run.durationMs} ms` : ""}.
          </p>
          {run.result?.metrics && <MetricsTable metrics={run.result.metrics} />}
        </div>
      )}
    </div>
  );
}
