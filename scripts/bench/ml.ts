/**
 * Benchmark of the lab engine's whole CTR pipeline against scikit-learn.
 *
 *   npm run bench:ml
 *   npm run bench:ml -- --sizes 10000,100000 --reps 3 --json
 *
 * Runs lib/ml's pipeline on one thread at each size, after one warm-up run
 * at the smallest size so the JIT has compiled the hot loops. Then, when
 * /usr/bin/python3 has scikit-learn, it runs
 * scripts/reference/sklearn_reference.py at the same sizes with BLAS
 * limited to one thread. It reports the minimum whole-run time over the
 * repetitions, the ratio ours / scikit-learn, the per-model fit times and
 * the largest metric difference per model.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import {
  MODEL_IDS,
  type PipelineResult,
  runPipeline,
} from "../../lib/ml/pipeline";

const PYTHON = "/usr/bin/python3";
const REFERENCE_SCRIPT = path.resolve(
  import.meta.dirname,
  "../reference/sklearn_reference.py",
);
const METRIC_KEYS = [
  "accuracy",
  "precision",
  "recall",
  "f1",
  "roc_auc",
] as const;

interface ReferenceRun {
  metrics: Record<string, Record<string, number>>;
  fit_seconds_all_reps: Record<string, number[]>;
  whole_run_seconds_all_reps: number[];
}

interface SizeReport {
  rows: number;
  oursSeconds: number;
  oursAllReps: number[];
  oursFitSeconds: Record<string, number>;
  sklearnSeconds: number | null;
  sklearnFitSeconds: Record<string, number> | null;
  ratio: number | null;
  /** Largest |ours − scikit-learn| per metric over all models. */
  maxMetricDifference: Record<string, number> | null;
  /** Per model, the largest difference over the five metrics. */
  modelMetricDifference: Record<string, number> | null;
}

function runOurs(
  rows: number,
  reps: number,
): { best: PipelineResult; all: number[]; fits: Record<string, number> } {
  let best: PipelineResult | null = null;
  const all: number[] = [];
  const fits: Record<string, number> = {};
  for (let rep = 0; rep < reps; rep++) {
    const result = runPipeline({ rows });
    all.push(result.totalSeconds);
    for (const [id, seconds] of Object.entries(result.fitSeconds)) {
      fits[id] = Math.min(fits[id] ?? Number.POSITIVE_INFINITY, seconds);
    }
    if (best === null || result.totalSeconds < best.totalSeconds) best = result;
  }
  return { best: best as PipelineResult, all, fits };
}

function sklearnAvailable(): boolean {
  const probe = spawnSync(PYTHON, ["-c", "import sklearn"], {
    encoding: "utf8",
  });
  return probe.status === 0;
}

function runReference(
  sizes: number[],
  reps: number,
): Record<string, ReferenceRun> {
  const single = {
    OMP_NUM_THREADS: "1",
    OPENBLAS_NUM_THREADS: "1",
    MKL_NUM_THREADS: "1",
  };
  const child = spawnSync(
    PYTHON,
    [
      REFERENCE_SCRIPT,
      "--rows",
      ...sizes.map(String),
      "--reps",
      String(reps),
      "--json",
    ],
    {
      encoding: "utf8",
      env: { ...process.env, ...single },
      maxBuffer: 64 * 2 ** 20,
    },
  );
  if (child.status !== 0) {
    throw new Error(
      `the scikit-learn reference failed (exit ${child.status}): ${child.stderr}`,
    );
  }
  return JSON.parse(child.stdout).runs;
}

function compare(ours: PipelineResult, reference: ReferenceRun) {
  const maxMetricDifference: Record<string, number> = {};
  const modelMetricDifference: Record<string, number> = {};
  for (const id of MODEL_IDS) {
    let modelMax = 0;
    for (const key of METRIC_KEYS) {
      const difference = Math.abs(
        ours.metrics[id][key] - reference.metrics[id][key],
      );
      maxMetricDifference[key] = Math.max(
        maxMetricDifference[key] ?? 0,
        difference,
      );
      modelMax = Math.max(modelMax, difference);
    }
    modelMetricDifference[id] = modelMax;
  }
  return { maxMetricDifference, modelMetricDifference };
}

function main(): number {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "10000,100000" },
      reps: { type: "string", default: "3" },
      "no-reference": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const sizes = String(values.sizes).split(",").map(Number);
  const reps = Number(values.reps);
  if (
    sizes.some((n) => !Number.isInteger(n) || n < 20) ||
    !Number.isInteger(reps) ||
    reps < 1
  ) {
    console.error(
      "error: --sizes must be integers ≥ 20 separated by commas and --reps an integer ≥ 1.",
    );
    return 2;
  }

  runPipeline({ rows: Math.min(...sizes) });
  const reports: SizeReport[] = [];
  const oursBySize = new Map<number, ReturnType<typeof runOurs>>();
  for (const rows of sizes) {
    oursBySize.set(rows, runOurs(rows, reps));
    console.error(`lib/ml: n=${rows} done`);
  }

  let reference: Record<string, ReferenceRun> | null = null;
  if (!values["no-reference"] && sklearnAvailable()) {
    console.error("scikit-learn reference: running (single-threaded BLAS)...");
    reference = runReference(sizes, reps);
  } else if (!values["no-reference"]) {
    console.error(
      `scikit-learn not found for ${PYTHON}; install python3-sklearn to compare.`,
    );
  }

  for (const rows of sizes) {
    const ours = oursBySize.get(rows) as ReturnType<typeof runOurs>;
    const run = reference?.[String(rows)] ?? null;
    const sklearnSeconds = run
      ? Math.min(...run.whole_run_seconds_all_reps)
      : null;
    const sklearnFitSeconds = run
      ? Object.fromEntries(
          Object.entries(run.fit_seconds_all_reps).map(([id, all]) => [
            id,
            Math.min(...all),
          ]),
        )
      : null;
    const differences = run ? compare(ours.best, run) : null;
    reports.push({
      rows,
      oursSeconds: ours.best.totalSeconds,
      oursAllReps: ours.all,
      oursFitSeconds: ours.fits,
      sklearnSeconds,
      sklearnFitSeconds,
      ratio:
        sklearnSeconds === null
          ? null
          : ours.best.totalSeconds / sklearnSeconds,
      maxMetricDifference: differences?.maxMetricDifference ?? null,
      modelMetricDifference: differences?.modelMetricDifference ?? null,
    });
  }

  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, node ${process.version}`;
  if (values.json) {
    console.log(JSON.stringify({ machine, reps, reports }, null, 2));
    return 0;
  }
  console.log(`machine: ${machine}; minimum of ${reps} runs each`);
  for (const report of reports) {
    console.log(`\nn = ${report.rows}`);
    console.log(
      `  whole run: lib/ml ${report.oursSeconds.toFixed(3)} s` +
        (report.sklearnSeconds === null
          ? ""
          : `, scikit-learn ${report.sklearnSeconds.toFixed(3)} s, ratio ${(report.ratio as number).toFixed(3)}`),
    );
    for (const [id, seconds] of Object.entries(report.oursFitSeconds)) {
      const theirs = report.sklearnFitSeconds?.[id];
      console.log(
        `  fit ${id.padEnd(20)} ${seconds.toFixed(3)} s` +
          (theirs === undefined
            ? ""
            : `  (scikit-learn ${theirs.toFixed(3)} s)`),
      );
    }
    if (report.maxMetricDifference) {
      console.log(
        "  max metric difference: " +
          Object.entries(report.maxMetricDifference)
            .map(([key, value]) => `${key} ${value.toExponential(1)}`)
            .join(", "),
      );
      const differing = Object.entries(
        report.modelMetricDifference ?? {},
      ).filter(([, v]) => v > 1e-12);
      if (differing.length > 0) {
        console.log(
          "  models that differ: " +
            differing
              .map(([id, v]) => `${id} ${v.toExponential(1)}`)
              .join(", "),
        );
      }
    }
  }
  return 0;
}

process.exitCode = main();
