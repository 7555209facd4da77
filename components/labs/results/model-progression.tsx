"use client";

import type { LabChart } from "@/lib/content/lab-schema";
// Types only: a value import would pull the lab's training code into the
// browser bundle.
import type { ModelProgressionResult } from "@/lib/labs/definitions/model-progression";

import {
  ChartPanel,
  chartText,
  CurveChart,
  DataTable,
  GroupedBars,
} from "../charts";
import { formatCount, formatScore, labelOf } from "../labels";

const metricKeys = [
  "accuracy",
  "precision",
  "recall",
  "f1",
  "roc_auc",
] as const;

/**
 * Results of the model-progression lab: the metrics table of the eight
 * models, their ROC curves on one chart, and the metrics as bars.
 */
export function ModelProgressionResults({
  result,
  charts,
}: {
  result: ModelProgressionResult;
  charts: LabChart[];
}) {
  const tableText = chartText(charts, "table", {
    title: "Comparison table",
  });
  const rocText = chartText(charts, "roc", { title: "ROC curves" });
  const { dataset } = result;

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" data-testid="lab-dataset">
        {formatCount(dataset.rows)} impressions,{" "}
        {formatScore(dataset.clickRate)} click rate; trained on{" "}
        {formatCount(dataset.trainRows)} rows, scored on{" "}
        {formatCount(dataset.testRows)} test rows (
        {formatCount(dataset.testPositives)} clicks).
      </p>

      <ChartPanel testId="chart-metrics-table" {...tableText}>
        <DataTable
          testId="metrics-table"
          caption="Test metrics by model"
          columns={[
            {
              key: "model",
              label: "Model",
              format: (value) => labelOf(String(value)),
            },
            { key: "stage", label: "Stage", format: (value) => String(value) },
            ...metricKeys.map((key) => ({ key, label: labelOf(key) })),
          ]}
          rows={result.table}
        />
      </ChartPanel>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel testId="chart-roc" {...rocText}>
          <CurveChart
            series={result.table.map(({ model }) => ({
              key: model,
              label: labelOf(model),
              points: result.roc[model].map((point) => ({
                x: point.fpr,
                y: point.tpr,
              })),
              dashed: model.startsWith("baseline"),
            }))}
            xLabel="False positive rate"
            yLabel="True positive rate"
            xDomain={[0, 1]}
            yDomain={[0, 1]}
            diagonal
            height={380}
          />
        </ChartPanel>

        <ChartPanel
          testId="chart-metric-bars"
          title="Metrics by model"
          caption="Accuracy stays high for models that predict few clicks; ROC-AUC shows which ones rank clicks well."
        >
          <GroupedBars
            rows={result.table.map((row) => ({
              name: labelOf(row.model),
              ...Object.fromEntries(metricKeys.map((key) => [key, row[key]])),
            }))}
            measures={metricKeys.map((key) => ({ key, label: labelOf(key) }))}
            valueLabel="Score on the test split"
          />
        </ChartPanel>
      </div>
    </div>
  );
}
