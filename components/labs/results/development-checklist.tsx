"use client";

import type { LabChart } from "@/lib/content/lab-schema";
// Types only: a value import would pull the lab's training code into the
// browser bundle.
import type { DevelopmentChecklistResult } from "@/lib/labs/definitions/development-checklist";

import {
  ChartPanel,
  chartText,
  CurveChart,
  DataTable,
  type CurveSeries,
} from "../charts";
import { formatCount, formatScore, labelOf } from "../labels";

const splitKeys = [
  "train_roc_auc",
  "validation_roc_auc",
  "test_roc_auc",
] as const;

function splitSeries<Point extends Record<(typeof splitKeys)[number], number>>(
  points: Point[],
  x: (point: Point) => number,
): CurveSeries[] {
  return splitKeys.map((key) => ({
    key,
    label: labelOf(key),
    points: points.map((point) => ({ x: x(point), y: point[key] })),
    dashed: key === "test_roc_auc",
  }));
}

/**
 * Results of the development-checklist lab: train, validation and test
 * ROC-AUC over the tree-depth and boosting-round sweeps, early stopping,
 * and the reliability diagram before and after Platt scaling.
 */
export function DevelopmentChecklistResults({
  result,
  charts,
}: {
  result: DevelopmentChecklistResult;
  charts: LabChart[];
}) {
  const { depthSweep, roundsSweep, calibration, dataset } = result;
  const stop = roundsSweep.earlyStopping;
  const depthText = chartText(charts, "depthSweep.points", {
    title: "ROC-AUC by tree depth",
  });
  const roundsText = chartText(charts, "roundsSweep.points", {
    title: "ROC-AUC by boosting round",
  });
  const reliabilityText = chartText(charts, "calibration", {
    title: "Reliability diagram",
  });
  const stopLines = [
    { x: stop.bestRound, label: `best ${stop.bestRound}` },
    ...(stop.stoppedAtRound !== stop.bestRound
      ? [{ x: stop.stoppedAtRound, label: `stop ${stop.stoppedAtRound}` }]
      : []),
  ];

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" data-testid="lab-dataset">
        {formatCount(dataset.rows)} impressions, click rate{" "}
        {formatScore(dataset.clickRate)}; {formatCount(dataset.trainRows)}{" "}
        train, {formatCount(dataset.validationRows)} validation and{" "}
        {formatCount(dataset.testRows)} test rows.
      </p>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel testId="chart-depth-sweep" {...depthText}>
          <CurveChart
            series={splitSeries(depthSweep.points, (point) => point.maxDepth)}
            xLabel="Maximum tree depth"
            yLabel="ROC-AUC"
            integerX
            dots
            verticalLines={[
              { x: depthSweep.bestDepth, label: "best on validation" },
            ]}
          />
          <p className="text-xs text-slate-500">
            Test ROC-AUC at the depth chosen on validation:{" "}
            {formatScore(depthSweep.bestDepthTestRocAuc)}; at the deepest tree:{" "}
            {formatScore(depthSweep.deepestTestRocAuc)}.
          </p>
          <details className="text-sm">
            <summary className="cursor-pointer text-indigo-700">
              Show the numbers
            </summary>
            <DataTable
              testId="depth-sweep-table"
              caption="ROC-AUC by tree depth"
              columns={[
                { key: "maxDepth", label: "Depth", format: String },
                ...splitKeys.map((key) => ({ key, label: labelOf(key) })),
              ]}
              rows={depthSweep.points}
            />
          </details>
        </ChartPanel>

        <ChartPanel testId="chart-rounds-sweep" {...roundsText}>
          <CurveChart
            series={splitSeries(roundsSweep.points, (point) => point.round)}
            xLabel="Boosting round"
            yLabel="ROC-AUC"
            integerX
            verticalLines={stopLines}
          />
          <CurveChart
            series={[
              {
                key: "validation_log_loss",
                label: labelOf("validation_log_loss"),
                points: roundsSweep.points.map((point) => ({
                  x: point.round,
                  y: point.validation_log_loss,
                })),
              },
            ]}
            xLabel="Boosting round"
            yLabel="Log loss"
            integerX
            height={200}
            verticalLines={stopLines}
          />
        </ChartPanel>
      </div>

      <ChartPanel
        testId="early-stopping"
        title="Early stopping"
        caption={`Boosting stops once the validation log loss has not improved for ${stop.patience} rounds, and keeps the model of the best round.`}
      >
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
          <div>
            <dt className="text-slate-500">Best round</dt>
            <dd
              className="text-lg tabular-nums"
              data-testid="early-stopping-best-round"
            >
              {stop.bestRound}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Stopped at round</dt>
            <dd className="text-lg tabular-nums">{stop.stoppedAtRound}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Rounds saved</dt>
            <dd className="text-lg tabular-nums">{stop.roundsSaved}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Test ROC-AUC, best round</dt>
            <dd className="text-lg tabular-nums">
              {formatScore(stop.testRocAucAtBestRound)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Test ROC-AUC, last round</dt>
            <dd className="text-lg tabular-nums">
              {formatScore(stop.testRocAucAtLastRound)}
            </dd>
          </div>
        </dl>
      </ChartPanel>

      <ChartPanel testId="chart-reliability" {...reliabilityText}>
        <CurveChart
          series={[
            {
              key: "before",
              label: "Class-weighted, before",
              points: calibration.before.bins.map((bin) => ({
                x: bin.meanPredicted,
                y: bin.fractionPositive,
              })),
            },
            {
              key: "after",
              label: "After Platt scaling",
              points: calibration.after.bins.map((bin) => ({
                x: bin.meanPredicted,
                y: bin.fractionPositive,
              })),
            },
          ]}
          xLabel="Mean predicted probability"
          yLabel="Observed click rate"
          xDomain={[0, 1]}
          yDomain={[0, 1]}
          diagonal
          dots
        />
        <DataTable
          testId="calibration-table"
          caption="Calibration on the test split"
          columns={[
            { key: "name", label: "Probabilities" },
            { key: "brier", label: "Brier score" },
            { key: "logLoss", label: "Log loss" },
            {
              key: "expectedCalibrationError",
              label: "Expected calibration error",
            },
            { key: "meanPredicted", label: "Mean predicted" },
            { key: "observedRate", label: "Observed rate" },
          ]}
          rows={[
            { name: "Before calibration", ...calibration.before },
            { name: "After Platt scaling", ...calibration.after },
          ]}
        />
        <p className="text-xs text-slate-500">
          Platt scaling fitted on the validation split: p′ = σ(
          {calibration.platt.slope.toFixed(3)} · logit(p){" "}
          {calibration.platt.intercept < 0 ? "−" : "+"}{" "}
          {Math.abs(calibration.platt.intercept).toFixed(3)}).
        </p>
      </ChartPanel>
    </div>
  );
}
