"use client";

import { useState } from "react";

import type { LabChart } from "@/lib/content/lab-schema";
// Types only: a value import would pull the lab's training code into the
// browser bundle.
import type { ClassImbalanceResult } from "@/lib/labs/definitions/class-imbalance";

import {
  ChartPanel,
  chartText,
  CurveChart,
  DataTable,
  GroupedBars,
} from "../charts";
import {
  formatCount,
  formatScore,
  formatThreshold,
  inDisplayOrder,
  labelOf,
} from "../labels";
import { ImbalanceTask } from "./imbalance-task";

function ConfusionMatrixTable({
  matrix,
}: {
  matrix: ClassImbalanceResult["confusion"][keyof ClassImbalanceResult["confusion"]];
}) {
  const cell = "border border-slate-300 px-3 py-2 text-right tabular-nums";
  return (
    <div className="overflow-x-auto">
      <table className="text-sm" data-testid="confusion-matrix">
        <caption className="sr-only">
          Confusion matrix on the test split
        </caption>
        <thead>
          <tr>
            <td />
            <th scope="col" className="px-3 py-1 font-medium">
              Predicted legitimate
            </th>
            <th scope="col" className="px-3 py-1 font-medium">
              Predicted fraud
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" className="pr-3 text-left font-medium">
              Legitimate
            </th>
            <td className={cell}>{formatCount(matrix.trueNegatives)}</td>
            <td className={`${cell} bg-amber-50`}>
              {formatCount(matrix.falsePositives)}
            </td>
          </tr>
          <tr>
            <th scope="row" className="pr-3 text-left font-medium">
              Fraud
            </th>
            <td className={`${cell} bg-red-50`}>
              {formatCount(matrix.falseNegatives)}
            </td>
            <td className={`${cell} bg-green-50`}>
              {formatCount(matrix.truePositives)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/**
 * Results of the class-imbalance lab: the majority baseline's accuracy
 * against its average precision, the mitigations side by side, their
 * precision-recall curves, a confusion matrix, and the task.
 */
export function ClassImbalanceResults({
  result,
  charts,
  runId,
}: {
  result: ClassImbalanceResult;
  charts: LabChart[];
  runId: string;
}) {
  const mitigationKeys = inDisplayOrder(
    Object.keys(result.metrics) as (keyof ClassImbalanceResult["metrics"])[],
  );
  const [confusionKey, setConfusionKey] = useState(mitigationKeys[0]);
  const { dataset, majorityBaseline } = result;
  const prText = chartText(charts, "prCurves", {
    title: "Precision-recall curves",
  });
  const metricsText = chartText(charts, "metrics", {
    title: "Metrics by mitigation",
  });
  const confusionText = chartText(charts, "confusion", {
    title: "Confusion matrix",
  });

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" data-testid="lab-dataset">
        {formatCount(dataset.rows)} transactions with a fraud rate of{" "}
        {formatScore(dataset.fraudRate)}; {formatCount(dataset.testRows)} test
        rows with {formatCount(dataset.testPositives)} frauds.
      </p>

      <ChartPanel
        testId="chart-accuracy-vs-ap"
        title="Accuracy against average precision"
        caption="The majority baseline never flags fraud: its accuracy is one minus the fraud rate, and its average precision is the fraud rate, what a ranking that knows nothing scores."
      >
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">Majority baseline accuracy</dt>
            <dd
              className="text-lg tabular-nums"
              data-testid="majority-accuracy"
            >
              {formatScore(majorityBaseline.accuracy)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">
              Majority baseline average precision
            </dt>
            <dd
              className="text-lg tabular-nums"
              data-testid="majority-average-precision"
            >
              {formatScore(majorityBaseline.average_precision)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Majority baseline recall</dt>
            <dd className="text-lg tabular-nums">
              {formatScore(majorityBaseline.recall)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Test frauds</dt>
            <dd className="text-lg tabular-nums">
              {formatCount(dataset.testPositives)} of{" "}
              {formatCount(dataset.testRows)}
            </dd>
          </div>
        </dl>
        <GroupedBars
          rows={[
            {
              name: labelOf("majorityBaseline"),
              accuracy: majorityBaseline.accuracy,
              average_precision: majorityBaseline.average_precision,
            },
            ...mitigationKeys.map((key) => ({
              name: labelOf(key),
              accuracy: result.metrics[key].accuracy,
              average_precision: result.metrics[key].average_precision,
            })),
          ]}
          measures={[
            { key: "accuracy", label: "Accuracy" },
            { key: "average_precision", label: "Average precision" },
          ]}
          valueLabel="Score on the test split"
        />
      </ChartPanel>

      <ChartPanel testId="chart-mitigations" {...metricsText}>
        <DataTable
          testId="mitigations-table"
          caption="Test metrics by mitigation"
          columns={[
            { key: "name", label: "Mitigation" },
            { key: "threshold", label: "Threshold", format: formatThreshold },
            { key: "accuracy", label: "Accuracy" },
            { key: "precision", label: "Precision" },
            { key: "recall", label: "Recall" },
            { key: "f1", label: "F1" },
            { key: "roc_auc", label: "ROC-AUC" },
            { key: "average_precision", label: "Average precision" },
          ]}
          rows={mitigationKeys.map((key) => ({
            name: labelOf(key),
            ...result.metrics[key],
          }))}
        />
        <p className="text-xs text-slate-500">
          Threshold moving picked{" "}
          {formatThreshold(result.thresholdMoving.threshold)} on the validation
          split, where it reached recall{" "}
          {formatScore(result.thresholdMoving.validationRecall)} at precision{" "}
          {formatScore(result.thresholdMoving.validationPrecision)}.
        </p>
      </ChartPanel>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel testId="chart-pr-curves" {...prText}>
          <CurveChart
            series={inDisplayOrder(
              Object.keys(
                result.prCurves,
              ) as (keyof ClassImbalanceResult["prCurves"])[],
            ).map((key) => ({
              key,
              label: labelOf(key),
              points: result.prCurves[key].map((point) => ({
                x: point.recall,
                y: point.precision,
              })),
            }))}
            xLabel="Recall"
            yLabel="Precision"
            xDomain={[0, 1]}
            yDomain={[0, 1]}
            height={360}
          />
        </ChartPanel>

        <ChartPanel testId="chart-confusion" {...confusionText}>
          <label className="block text-sm">
            Mitigation{" "}
            <select
              value={confusionKey}
              onChange={(event) =>
                setConfusionKey(event.target.value as typeof confusionKey)
              }
              className="ml-1 rounded border border-slate-300 px-1 py-0.5"
            >
              {mitigationKeys.map((key) => (
                <option key={key} value={key}>
                  {labelOf(key)}
                </option>
              ))}
            </select>
          </label>
          <ConfusionMatrixTable matrix={result.confusion[confusionKey]} />
          <p className="text-xs text-slate-500">
            At threshold{" "}
            {formatThreshold(result.metrics[confusionKey].threshold)}: false
            positives are legitimate transactions flagged, false negatives are
            frauds missed.
          </p>
        </ChartPanel>
      </div>

      <ImbalanceTask result={result} runId={runId} />
    </div>
  );
}
