/**
 * Command line for the lab engine (lib/ml).
 *
 *   npm run ml -- pipeline --rows 10000 --seed 42 --json
 *   npm run ml -- pipeline --data ctr.csv --split split.json
 *
 * Exit codes: 0 success, 1 the run failed, 2 invalid usage.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { parseCsvDataset } from "../lib/ml/csv";
import {
  MODEL_IDS,
  type PipelineParams,
  type PipelineResult,
  runPipeline,
} from "../lib/ml/pipeline";
import type { TrainTestIndices } from "../lib/ml/split";

const USAGE = `Usage: npm run ml -- pipeline [options]

Runs the chapter notebook's CTR model progression and prints each model's
accuracy, precision, recall, F1 and ROC-AUC on the test split.

Options:
  --rows N              rows of generated CTR data (default 10000)
  --seed S              seed of the data recipe (default 42)
  --random-state R      seed of the split, trees and oversampling (default 42)
  --click-keep-rate F   share of clicks kept by the recipe (default 0.15)
  --test-size F         test share of the stratified split (default 0.2)
  --max-depth D         decision tree depth (default 5)
  --n-estimators N      random forest trees (default 100)
  --rf-max-depth D      random forest tree depth (default 10)
  --boosting-rounds N   gradient boosting rounds (default 100)
  --learning-rate F     gradient boosting learning rate (default 0.1)
  --gb-max-depth D      gradient boosting tree depth (default 5)
  --data FILE.csv       use this CSV (header row, 0/1 label column) instead of generated data
  --label COLUMN        label column of --data (default: the last column)
  --split FILE.json     train/test row indices {"train_idx": [...], "test_idx": [...]}
  --json                print the result as JSON
  -h, --help            show this help`;

/** Invalid command-line usage: reported with the usage text, exit code 2. */
class UsageError extends Error {}

const NUMBER_OPTIONS: Record<string, keyof PipelineParams> = {
  rows: "rows",
  seed: "seed",
  "random-state": "randomState",
  "click-keep-rate": "clickKeepRate",
  "test-size": "testSize",
  "max-depth": "maxDepth",
  "n-estimators": "nEstimators",
  "rf-max-depth": "rfMaxDepth",
  "boosting-rounds": "boostingRounds",
  "learning-rate": "learningRate",
  "gb-max-depth": "gbMaxDepth",
};

function parseNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a number, got "${raw}".`);
  }
  return value;
}

function readSplit(path: string): TrainTestIndices {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(
      `cannot read --split ${path}: ${(error as Error).message}`,
    );
  }
  const value = parsed as Record<string, unknown>;
  const train = value?.train_idx ?? value?.train;
  const test = value?.test_idx ?? value?.test;
  if (!Array.isArray(train) || !Array.isArray(test)) {
    throw new UsageError(
      `--split ${path} must be a JSON object with "train_idx" and "test_idx" arrays of row indices.`,
    );
  }
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

function formatTable(result: PipelineResult): string {
  const lines = [
    `rows: ${result.nTrain} train, ${result.nTest} test (${result.testPositives} positive); ` +
      `train positive rate ${(result.trainPositiveRate * 100).toFixed(2)}%`,
    "",
    `${"model".padEnd(22)} accuracy precision   recall       f1  roc_auc   fit s`,
  ];
  for (const id of MODEL_IDS) {
    const m = result.metrics[id];
    const fit = (result.fitSeconds as Record<string, number>)[id];
    lines.push(
      `${id.padEnd(22)} ${[m.accuracy, m.precision, m.recall, m.f1, m.roc_auc]
        .map((v) => v.toFixed(4).padStart(8))
        .join(" ")} ${fit === undefined ? "" : fit.toFixed(3).padStart(7)}`,
    );
  }
  lines.push("", `total: ${result.totalSeconds.toFixed(3)} s`);
  return lines.join("\n");
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...Object.fromEntries(
          Object.keys(NUMBER_OPTIONS).map((name) => [name, { type: "string" }]),
        ),
        data: { type: "string" },
        label: { type: "string" },
        split: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  try {
    if (positionals.length !== 1 || positionals[0] !== "pipeline") {
      throw new UsageError(
        positionals.length === 0
          ? "missing command; the only command is pipeline."
          : `unknown command "${positionals.join(" ")}"; the only command is pipeline.`,
      );
    }
    const params: PipelineParams = {};
    for (const [name, key] of Object.entries(NUMBER_OPTIONS)) {
      const raw = (values as Record<string, unknown>)[name];
      if (typeof raw === "string") {
        (params as Record<string, number>)[key] = parseNumber(name, raw);
      }
    }
    if (values.label !== undefined && values.data === undefined) {
      throw new UsageError("--label needs --data.");
    }

    let data;
    if (typeof values.data === "string") {
      let text: string;
      try {
        text = readFileSync(values.data, "utf8");
      } catch (error) {
        throw new UsageError(
          `cannot read --data ${values.data}: ${(error as Error).message}`,
        );
      }
      data = parseCsvDataset(text, {
        labelColumn: values.label as string | undefined,
      });
    }
    const split =
      typeof values.split === "string" ? readSplit(values.split) : undefined;

    const result = runPipeline(params, { data, split });
    console.log(
      values.json ? JSON.stringify(result, null, 2) : formatTable(result),
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof RangeError || error instanceof TypeError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    console.error(
      `error: the pipeline failed: ${(error as Error).stack ?? String(error)}`,
    );
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
