"use client";

import type { LabChart } from "@/lib/content/lab-schema";
// Types only: a value import would pull the lab's training code into the
// browser bundle.
import type { LabelNoiseResult } from "@/lib/labs/definitions/label-noise";

import {
  ChartPanel,
  chartText,
  CurveChart,
  DataTable,
  GroupedBars,
} from "../charts";
import { formatCount, formatScore, inDisplayOrder, labelOf } from "../labels";

/** Lower end of a score axis: 0.1 below the smallest value, rounded down. */
function axisFloor(values: number[]): number {
  const lowest = Math.min(...values);
  return Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
}

/** Shows the hand review: sample, disagreements and the Wilson interval. */
function HandReview({ review }: { review: LabelNoiseResult["review"] }) {
  const { interval } = review;
  const scale = Math.max(interval.upper, review.trueNoiseRate) * 1.25 || 1;
  const at = (value: number) => `${(100 * value) / scale}%`;
  const confidence = Math.round(interval.confidence * 100);

  return (
    <ChartPanel
      testId="hand-review"
      title="Hand review of the collected labels"
      caption={`Reviewers relabeled a random sample of the training labels with both kinds of noise. The share they disagree with estimates the noise rate, with a ${confidence}% Wilson interval.`}
    >
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Labels reviewed</dt>
          <dd className="text-lg tabular-nums" data-testid="review-sample-size">
            {formatCount(review.sampleSize)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Disagreements</dt>
          <dd
            className="text-lg tabular-nums"
            data-testid="review-disagreements"
          >
            {formatCount(review.disagreements)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Estimated noise rate</dt>
          <dd className="text-lg tabular-nums" data-testid="review-estimate">
            {formatScore(interval.estimate)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">
            {confidence}% interval, lower bound
          </dt>
          <dd className="text-lg tabular-nums" data-testid="review-lower">
            {formatScore(interval.lower)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">
            {confidence}% interval, upper bound
          </dt>
          <dd className="text-lg tabular-nums" data-testid="review-upper">
            {formatScore(interval.upper)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">
            True noise rate of all training labels
          </dt>
          <dd className="text-lg tabular-nums">
            {formatScore(review.trueNoiseRate)}{" "}
            <span className="text-xs text-slate-500">
              ({review.coversTrueRate ? "inside" : "outside"} the interval)
            </span>
          </dd>
        </div>
      </dl>
      <div
        className="relative mt-2 h-6 rounded bg-slate-100"
        role="img"
        aria-label={`Interval from ${formatScore(interval.lower)} to ${formatScore(interval.upper)}, estimate ${formatScore(interval.estimate)}, true rate ${formatScore(review.trueNoiseRate)}`}
      >
        <div
          className="absolute top-2 h-2 rounded bg-indigo-300"
          style={{
            left: at(interval.lower),
            width: at(interval.upper - interval.lower),
          }}
        />
        <div
          className="absolute top-0 h-6 w-0.5 bg-indigo-700"
          style={{ left: at(interval.estimate) }}
          title="Estimate"
        />
        <div
          className="absolute top-0 h-6 w-0.5 bg-red-600"
          style={{ left: at(review.trueNoiseRate) }}
          title="True rate"
        />
      </div>
      <p className="text-xs text-slate-500">
        Blue band: the interval; dark blue mark: the estimate; red mark: the
        true rate. The axis runs from 0 to {formatScore(scale)}.
      </p>
    </ChartPanel>
  );
}

/**
 * Results of the label-noise lab: ROC-AUC on clean against noisy test
 * labels per training label set, the ROC curves on clean labels, the
 * coefficients, and the hand review with its Wilson interval.
 */
export function LabelNoiseResults({
  result,
  charts,
}: {
  result: LabelNoiseResult;
  charts: LabChart[];
}) {
  const sets = inDisplayOrder(
    Object.keys(result.outcomes) as (keyof LabelNoiseResult["outcomes"])[],
  );
  const rocText = chartText(charts, "roc", {
    title: "ROC curves on clean labels",
  });
  const outcomesText = chartText(charts, "outcomes", {
    title: "Outcomes by label set",
  });
  const scores = sets.flatMap((set) => [
    result.outcomes[set].roc_auc_clean,
    result.outcomes[set].roc_auc_noisy,
  ]);

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600" data-testid="lab-dataset">
        {formatCount(result.dataset.rows)} impressions, clean click rate{" "}
        {formatScore(result.dataset.cleanPositiveRate)}; trained on{" "}
        {formatCount(result.dataset.trainRows)} rows, scored on{" "}
        {formatCount(result.dataset.testRows)}.
      </p>

      <ChartPanel
        testId="chart-clean-vs-noisy"
        title="ROC-AUC on clean against noisy test labels"
        caption="Clean labels measure how well each model really ranks; noisy labels are what offline evaluation would report."
      >
        <GroupedBars
          rows={sets.map((set) => ({
            name: labelOf(set),
            roc_auc_clean: result.outcomes[set].roc_auc_clean,
            roc_auc_noisy: result.outcomes[set].roc_auc_noisy,
          }))}
          measures={[
            { key: "roc_auc_clean", label: "Clean test labels" },
            { key: "roc_auc_noisy", label: "Noisy test labels" },
          ]}
          valueLabel="Test ROC-AUC"
          domain={[axisFloor(scores), 1]}
        />
      </ChartPanel>

      <ChartPanel testId="chart-outcomes" {...outcomesText}>
        <DataTable
          testId="outcomes-table"
          caption="Outcomes by training label set"
          columns={[
            { key: "name", label: "Training labels" },
            { key: "noiseRate", label: "Noise rate" },
            { key: "roc_auc_clean", label: "ROC-AUC, clean" },
            { key: "roc_auc_noisy", label: "ROC-AUC, noisy" },
            { key: "item_popularity", label: "item_popularity weight" },
          ]}
          rows={sets.map((set) => ({
            name: labelOf(set),
            noiseRate: result.outcomes[set].noiseRate,
            roc_auc_clean: result.outcomes[set].roc_auc_clean,
            roc_auc_noisy: result.outcomes[set].roc_auc_noisy,
            item_popularity: result.outcomes[set].coefficients.item_popularity,
          }))}
        />
      </ChartPanel>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel testId="chart-roc" {...rocText}>
          <CurveChart
            series={sets.map((set) => ({
              key: set,
              label: labelOf(set),
              points: result.roc[set].map((point) => ({
                x: point.fpr,
                y: point.tpr,
              })),
            }))}
            xLabel="False positive rate"
            yLabel="True positive rate"
            xDomain={[0, 1]}
            yDomain={[0, 1]}
            diagonal
            height={360}
          />
        </ChartPanel>
        <HandReview review={result.review} />
      </div>
    </div>
  );
}
