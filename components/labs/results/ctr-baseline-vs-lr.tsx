"use client";

import type { LabChart } from "@/lib/content/lab-schema";
// Types only: a value import would pull the lab's training code into the
// browser bundle.
import type { CtrBaselineVsLrResult } from "@/lib/labs/definitions/ctr-baseline-vs-lr";

import { ChartPanel, chartText, CurveChart, DataTable } from "../charts";
import { formatCount, formatScore, inDisplayOrder, labelOf } from "../labels";

const metricKeys = [
  "accuracy",
  "precision",
  "recall",
  "f1",
  "roc_auc",
] as const;

/**
 * Results of the first slice of drill 1: the popularity baseline against
 * logistic regression, their test metrics, ROC curves and the fitted
 * coefficients.
 */
export function CtrBaselineVsLrResults({
  result,
  charts,
}: {
  result: CtrBaselineVsLrResult;
  charts: LabChart[];
}) {
  const models = inDisplayOrder(
    Object.keys(result.metrics) as (keyof CtrBaselineVsLrResult["metrics"])[],
  );
  const metricsText = chartText(charts, "metrics", { title: "Test metrics" });
  const rocText = chartText(charts, "roc", { title: "ROC curves" });

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" data-testid="lab-dataset">
        {formatCount(result.dataset.rows)} impressions, click rate{" "}
        {formatScore(result.dataset.clickRate)}; popularity threshold{" "}
        {formatScore(result.popularityThreshold)}.
      </p>
      <ChartPanel testId="chart-metrics-table" {...metricsText}>
        <DataTable
          testId="metrics-table"
          caption="Test metrics by model"
          columns={[
            { key: "name", label: "Model" },
            ...metricKeys.map((key) => ({ key, label: labelOf(key) })),
          ]}
          rows={models.map((model) => ({
            name: labelOf(model),
            ...result.metrics[model],
          }))}
        />
      </ChartPanel>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel testId="chart-roc" {...rocText}>
          <CurveChart
            series={models.map((model) => ({
              key: model,
              label: labelOf(model),
              points: result.roc[model].map((point) => ({
                x: point.fpr,
                y: point.tpr,
              })),
            }))}
            xLabel="False positive rate"
            yLabel="True positive rate"
            xDomain={[0, 1]}
            yDomain={[0, 1]}
            diagonal
          />
        </ChartPanel>
        <ChartPanel
          testId="coefficients"
          title="Logistic regression coefficients"
          caption={`One weight per feature and the intercept, after ${result.logisticRegression.iterations} iterations.`}
        >
          <DataTable
            caption="Fitted coefficients"
            columns={[
              { key: "feature", label: "Feature" },
              { key: "value", label: "Weight" },
            ]}
            rows={[
              ...result.logisticRegression.coefficients,
              {
                feature: "intercept",
                value: result.logisticRegression.intercept,
              },
            ]}
          />
        </ChartPanel>
      </div>
    </div>
  );
}
