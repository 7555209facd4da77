/** Display names of the result keys the lab pages show. */
const names: Record<string, string> = {
  // Models of the CTR labs.
  baseline_majority: "Always “no click”",
  baseline_random: "Random guess",
  baseline_popularity: "Popularity baseline",
  logistic_regression: "Logistic regression",
  decision_tree: "Decision tree",
  random_forest: "Random forest",
  gradient_boosting: "Gradient boosting",
  ensemble_average: "Average of four",
  // Class-imbalance mitigations.
  majorityBaseline: "Majority baseline",
  none: "No mitigation",
  oversampling: "Oversampling",
  undersampling: "Undersampling",
  class_weight: "Class weights",
  focal_loss: "Focal loss",
  threshold_moving: "Threshold moving",
  // Label-noise training sets.
  clean: "Clean labels",
  uniform_flips: "Uniform flips",
  feedback_loop: "Feedback loop",
  both: "Both noises",
  review: "Hand review",
  // Distributed-training runs.
  memory: "Memory estimate",
  single_worker: "One worker",
  data_parallel: "K workers",
  data_parallel_scaled_lr: "K workers, scaled rate",
  // Development checklist.
  depthSweep: "Depth sweep",
  earlyStopping: "Early stopping",
  // Metrics.
  accuracy: "Accuracy",
  precision: "Precision",
  recall: "Recall",
  f1: "F1",
  roc_auc: "ROC-AUC",
  average_precision: "Average precision",
  threshold: "Threshold",
  noiseRate: "Noise rate",
  roc_auc_clean: "ROC-AUC, clean labels",
  roc_auc_noisy: "ROC-AUC, noisy labels",
  train_roc_auc: "Train ROC-AUC",
  validation_roc_auc: "Validation ROC-AUC",
  test_roc_auc: "Test ROC-AUC",
  validation_log_loss: "Validation log loss",
};

/**
 * Returns the display name of a result key, e.g. "logistic_regression" →
 * "Logistic regression"; an unknown key is shown with its underscores as
 * spaces.
 */
export function labelOf(key: string): string {
  return names[key] ?? key.replaceAll("_", " ");
}

const displayOrder = new Map(
  Object.keys(names).map((key, index) => [key, index]),
);

/**
 * Sorts result keys into the order the labs define them (models in
 * progression order, mitigations, label sets, runs). Results read back
 * from PostgreSQL's jsonb come with their keys sorted by length instead.
 * Unknown keys keep their order after the known ones.
 */
export function inDisplayOrder<Key extends string>(keys: Key[]): Key[] {
  const rank = (key: string) => displayOrder.get(key) ?? Infinity;
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/** Formats a score or rate for tables, with four decimals. */
export function formatScore(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value)
    ? value.toFixed(4)
    : "—";
}

/** Formats a decision threshold with three significant digits. */
export function formatThreshold(value: unknown): string {
  return typeof value === "number" ? String(Number(value.toPrecision(3))) : "—";
}

const countFormat = new Intl.NumberFormat("en-US");

/** Formats a count with grouping, e.g. 200000 → "200,000". */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** Formats a duration in milliseconds as seconds, e.g. 1234 → "1.2 s". */
export function formatSeconds(milliseconds: number | null): string {
  if (milliseconds === null) return "—";
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

/**
 * Formats an ISO time in UTC, e.g. "2026-12-04 16:52 UTC". The same text
 * on the server and in the browser, so hydration matches.
 */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Colors of chart series, in the order series are drawn. */
export const seriesColors = [
  "#4f46e5",
  "#0891b2",
  "#16a34a",
  "#ca8a04",
  "#dc2626",
  "#9333ea",
  "#475569",
  "#db2777",
];

/** Returns the color of the series at an index, cycling the palette. */
export function colorOf(index: number): string {
  return seriesColors[index % seriesColors.length];
}
