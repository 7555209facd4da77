"use client";

import { useState, useTransition } from "react";

import { checkImbalanceTaskAction } from "@/app/labs/actions";
// Types only: a value import would pull the lab's training code into the
// browser bundle.
import type { ClassImbalanceResult } from "@/lib/labs/definitions/class-imbalance";
import type { ImbalanceTaskOutcome } from "@/lib/labs/definitions/imbalance-task";

import { ChartPanel } from "../charts";
import {
  formatCount,
  formatScore,
  formatThreshold,
  inDisplayOrder,
  labelOf,
} from "../labels";

/**
 * The class-imbalance task: the learner picks a training method and a
 * threshold, and the server checks recall and precision on the held-out
 * test split of the selected run against the run's targets.
 */
export function ImbalanceTask({
  result,
  runId,
}: {
  result: ClassImbalanceResult;
  runId: string;
}) {
  const methods = inDisplayOrder(Object.keys(result.operatingPoints.counts));
  const thresholds = result.operatingPoints.thresholds;
  const [method, setMethod] = useState(methods[0]);
  const [threshold, setThreshold] = useState(
    thresholds.includes(0.5) ? 0.5 : thresholds[0],
  );
  const [outcome, setOutcome] = useState<ImbalanceTaskOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { targetRecall, minPrecision } = result.task;

  const check = () => {
    setError(null);
    startTransition(async () => {
      const response = await checkImbalanceTaskAction({
        runId,
        method,
        threshold,
      });
      if (response.ok) {
        setOutcome(response.data);
      } else {
        setOutcome(null);
        setError(response.error);
      }
    });
  };

  return (
    <ChartPanel
      testId="imbalance-task"
      title="Task: catch the frauds without drowning in alerts"
      caption={`Reach a recall of at least ${formatScore(targetRecall)} at a precision of at least ${formatScore(minPrecision)} on the held-out test split. Pick how to train and where to cut; the server checks your pick.`}
    >
      <form
        className="flex flex-wrap items-end gap-3 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          check();
        }}
        aria-label="Imbalance task"
      >
        <label>
          Training method
          <select
            value={method}
            onChange={(event) => setMethod(event.target.value)}
            className="ml-1 rounded border border-slate-300 px-1 py-0.5"
          >
            {methods.map((key) => (
              <option key={key} value={key}>
                {labelOf(key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Flag fraud at a score of at least
          <select
            value={String(threshold)}
            onChange={(event) => setThreshold(Number(event.target.value))}
            className="ml-1 rounded border border-slate-300 px-1 py-0.5"
          >
            {thresholds.map((value) => (
              <option key={value} value={String(value)}>
                {formatThreshold(value)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-indigo-600 px-3 py-1 text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          {pending ? "Checking…" : "Check on the test split"}
        </button>
      </form>
      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {outcome && (
        <div
          className={`rounded border p-3 text-sm ${
            outcome.passed
              ? "border-green-300 bg-green-50 text-green-900"
              : "border-red-300 bg-red-50 text-red-900"
          }`}
          data-testid="imbalance-task-outcome"
          data-passed={outcome.passed}
        >
          <p className="font-medium">
            {outcome.passed ? "Task passed" : "Not yet"}:{" "}
            {labelOf(outcome.method)} at {formatThreshold(outcome.threshold)}
          </p>
          <p>
            Recall {formatScore(outcome.recall)}{" "}
            {outcome.meetsRecall ? "reaches" : "falls short of"} the target{" "}
            {formatScore(targetRecall)}; precision{" "}
            {formatScore(outcome.precision)}{" "}
            {outcome.meetsPrecision ? "reaches" : "falls short of"} the minimum{" "}
            {formatScore(minPrecision)}.
          </p>
          <p className="text-xs">
            {formatCount(outcome.truePositives)} frauds caught,{" "}
            {formatCount(outcome.falseNegatives)} missed,{" "}
            {formatCount(outcome.falsePositives)} legitimate transactions
            flagged.
          </p>
        </div>
      )}
    </ChartPanel>
  );
}
