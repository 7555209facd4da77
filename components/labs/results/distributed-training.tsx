"use client";

import type { LabChart } from "@/lib/content/lab-schema";
// Types only: a value import would pull the lab's training code into the
// browser bundle.
import type { DistributedTrainingResult } from "@/lib/labs/definitions/distributed-training";

import {
  ChartPanel,
  chartText,
  CurveChart,
  DataTable,
  GroupedBars,
} from "../charts";
import { formatCount, inDisplayOrder, labelOf } from "../labels";

/** Formats a size in GiB with three decimals. */
function formatGib(value: unknown): string {
  return typeof value === "number" ? `${value.toFixed(3)} GiB` : "—";
}

function formatHours(hours: number): string {
  return hours >= 48
    ? `${(hours / 24).toFixed(1)} days`
    : `${hours.toFixed(1)} h`;
}

/**
 * Results of the distributed-training lab: the memory of one replica by
 * part against a device's usable memory, the time of one pass over the
 * data, and the loss curves of one worker against K workers.
 */
export function DistributedTrainingResults({
  result,
  charts,
}: {
  result: DistributedTrainingResult;
  charts: LabChart[];
}) {
  const { memory, throughput, simulation } = result;
  const memoryText = chartText(charts, "memory", {
    title: "Memory of one replica",
  });
  const lossText = chartText(charts, "simulation.lossCurves", {
    title: "Training loss by epoch",
  });
  const parts = [
    { name: "Weights", gib: memory.weightsGib },
    { name: "Gradients", gib: memory.gradientsGib },
    { name: "Optimizer states", gib: memory.optimizerStateGib },
    { name: "fp32 master weights", gib: memory.masterWeightsGib },
    { name: "Activations", gib: memory.activationGib },
  ];
  const runs = inDisplayOrder(
    Object.keys(
      simulation.lossCurves,
    ) as (keyof DistributedTrainingResult["simulation"]["lossCurves"])[],
  );

  return (
    <div className="space-y-4">
      <ChartPanel testId="chart-memory" {...memoryText}>
        <p className="text-sm text-slate-600">
          {formatCount(memory.parameters)} parameters, {memory.precision}{" "}
          precision, {memory.optimizer} optimizer.
        </p>
        <GroupedBars
          rows={parts}
          measures={[{ key: "gib", label: "GiB per device" }]}
          valueLabel="GiB per device"
          domain={[0, "auto"]}
          referenceValue={{
            value: memory.usableDeviceGib,
            label: "usable device memory",
          }}
          categoryWidth={140}
        />
        <DataTable
          testId="memory-table"
          caption="Memory of one replica by part"
          columns={[
            { key: "name", label: "Part" },
            { key: "gib", label: "Size", format: formatGib },
          ]}
          rows={[
            ...parts,
            { name: "Total per device", gib: memory.totalPerDeviceGib },
            { name: "Usable device memory", gib: memory.usableDeviceGib },
          ]}
        />
        <details className="text-sm">
          <summary className="cursor-pointer text-indigo-700">
            The estimate&apos;s reasoning (open it after answering)
          </summary>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {memory.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </details>
      </ChartPanel>

      <ChartPanel
        testId="throughput"
        title="One pass over the data"
        caption="At the assumed throughput per device, ignoring communication time: an estimate."
      >
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">
              {formatCount(throughput.trainingExamples)} examples on one device
            </dt>
            <dd className="text-lg tabular-nums">
              {formatHours(throughput.epochHoursOneDevice)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">
              On {formatCount(throughput.devices)} devices
            </dt>
            <dd className="text-lg tabular-nums">
              {formatHours(throughput.epochHours)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">
              All-reduce traffic per device per step
            </dt>
            <dd className="text-lg tabular-nums">
              {formatGib(throughput.allReduceGibPerDevicePerStep)}
            </dd>
          </div>
        </dl>
      </ChartPanel>

      <ChartPanel testId="chart-loss" {...lossText}>
        <CurveChart
          series={runs.map((run) => ({
            key: run,
            label: labelOf(run).replace("K ", `${simulation.workers} `),
            points: simulation.lossCurves[run].map((point) => ({
              x: point.epoch,
              y: point.loss,
            })),
            dashed: run === "data_parallel_scaled_lr",
          }))}
          xLabel="Epoch"
          yLabel="Training log loss"
          integerX
          dots
        />
        <DataTable
          testId="sgd-runs-table"
          caption="Settings of the simulated runs"
          columns={[
            { key: "name", label: "Run" },
            {
              key: "batch",
              label: "Batch per step",
              format: (value) => formatCount(Number(value)),
            },
            {
              key: "rate",
              label: "Learning rate",
              format: (value) => String(value),
            },
            {
              key: "steps",
              label: "Steps per epoch",
              format: (value) => formatCount(Number(value)),
            },
            { key: "finalLoss", label: "Final loss" },
          ]}
          rows={runs.map((run) => ({
            name: labelOf(run).replace("K ", `${simulation.workers} `),
            batch: simulation.batchSize[run],
            rate: Number(simulation.learningRate[run].toPrecision(4)),
            steps: simulation.stepsPerEpoch[run],
            finalLoss: simulation.lossCurves[run].at(-1)?.loss,
          }))}
        />
        <p className="text-xs text-slate-500">
          {simulation.workers} workers averaging their gradients take the same
          steps as one worker on the whole global batch: the largest loss
          difference between the two is{" "}
          {simulation.maxLossDifferenceSameBatch === 0
            ? "0"
            : simulation.maxLossDifferenceSameBatch.toExponential(1)}
          .
        </p>
      </ChartPanel>
    </div>
  );
}
