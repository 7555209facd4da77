import { readFileSync } from "node:fs";
import path from "node:path";

import { parseCsvDataset } from "@/lib/ml/csv";
import type { Dataset } from "@/lib/ml/datasets";

const fixtureDirectory = path.resolve(import.meta.dirname, "../../fixtures/ml");

/** Reads a text fixture from tests/fixtures/ml. */
export function readFixture(name: string): string {
  return readFileSync(path.join(fixtureDirectory, name), "utf8");
}

/** The notebook's CTR table written by numpy (seed 42, 10,000 rows). */
export function loadReferenceCtr(): Dataset {
  return parseCsvDataset(readFixture("ctr_seed42.csv"));
}

/** Indices written by scikit-learn's train_test_split for that table. */
export function loadReferenceSplit(): {
  train_idx: number[];
  test_idx: number[];
  test_size: number;
  random_state: number;
} {
  return JSON.parse(readFixture("split.json"));
}

export interface ReferenceMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  roc_auc: number;
}

/** The scikit-learn run at n = 10,000 (metrics per model and timings). */
export function loadReferenceRun(): {
  n: number;
  train_click_rate: number;
  popularity_q70: number;
  metrics: Record<string, ReferenceMetrics>;
  lr_coefficients?: Record<string, { coef: number[]; intercept: number }>;
  lr_coefficients_optimum?: Record<
    string,
    { coef: number[]; intercept: number }
  >;
  [key: string]: unknown;
} {
  return JSON.parse(readFixture("sklearn_metrics_n10000.json")).runs["10000"];
}
