import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  modelProgression,
  progressionModels,
  type ModelProgressionResult,
} from "../../../lib/labs/definitions/model-progression";
import {
  expectPlainJson,
  expectProgressOrdered,
  expectRocCurve,
  paramsErrorMessages,
  runWithProgress,
} from "./lab-checks";

// scikit-learn 1.2.1 on the notebook's recipe (seed 42, 10,000 rows).
const reference = JSON.parse(
  readFileSync(
    path.join(
      import.meta.dirname,
      "../../fixtures/ml/sklearn_metrics_n10000.json",
    ),
    "utf8",
  ),
).runs["10000"];

const referenceName: Record<string, string> = {
  baseline_majority: "baseline_always0",
  baseline_random: "baseline_random",
  baseline_popularity: "baseline_popularity",
  logistic_regression: "logistic_regression",
  decision_tree: "decision_tree",
  random_forest: "random_forest",
  gradient_boosting: "gradient_boosting",
  ensemble_average: "ensemble_avg4",
};

// Largest ROC-AUC difference accepted per model. Logistic regression and
// gradient boosting differ from scikit-learn in the 4th decimal: its lbfgs
// stops at tol 1e-4, and boosting's Newton leaf values round differently.
const rocAucTolerance: Record<string, number> = {
  logistic_regression: 5e-4,
  gradient_boosting: 1e-3,
  ensemble_average: 1e-3,
};

describe("model-progression at the notebook's settings", () => {
  const { result, progress } = runWithProgress<ModelProgressionResult>(
    modelProgression,
    {},
  );

  it("matches scikit-learn's table", () => {
    for (const model of progressionModels) {
      const expected = reference.metrics[referenceName[model]];
      const actual = result.metrics[model];
      const tolerance = rocAucTolerance[model] ?? 1e-9;
      expect(
        Math.abs(actual.roc_auc - expected.roc_auc),
        `${model} roc_auc`,
      ).toBeLessThanOrEqual(tolerance);
      expect(
        Math.abs(actual.accuracy - expected.accuracy),
        `${model} accuracy`,
      ).toBeLessThanOrEqual(1e-3);
      expect(
        Math.abs(actual.recall - expected.recall),
        `${model} recall`,
      ).toBeLessThanOrEqual(1e-3);
    }
  });

  it("lists the table in progression order", () => {
    expect(result.table.map((row) => row.model)).toEqual([
      ...progressionModels,
    ]);
    expect(result.table.map((row) => row.stage)).toEqual([
      "baseline",
      "baseline",
      "baseline",
      "simple",
      "simple",
      "complex",
      "complex",
      "ensemble",
    ]);
    expect(result.table[3].roc_auc).toBe(
      result.metrics.logistic_regression.roc_auc,
    );
  });

  it("returns a ROC curve for every model", () => {
    for (const model of progressionModels) expectRocCurve(result.roc[model]);
  });

  it("reports progress model by model", () => {
    expectProgressOrdered(progress);
    const keys = progress.flatMap((event) =>
      event.partial ? [event.partial.key] : [],
    );
    expect(keys).toEqual([...progressionModels]);
  });

  it("returns plain JSON", () => {
    expectPlainJson(result);
  });

  it("answers its rules from the metrics", () => {
    const rules = modelProgression.rules;
    // Always predicting "no click" is right 92% of the time here.
    expect(rules["highest-accuracy-baseline"](result)).toBe("majority");
    const best = progressionModels.reduce((a, b) =>
      result.metrics[b].roc_auc > result.metrics[a].roc_auc ? b : a,
    );
    expect(rules["highest-roc-auc-model"](result)).toBe(
      best.replaceAll("_", "-"),
    );
    const members = [
      "logistic_regression",
      "decision_tree",
      "random_forest",
      "gradient_boosting",
    ] as const;
    const bestMember = Math.max(
      ...members.map((m) => result.metrics[m].roc_auc),
    );
    expect(rules["ensemble-beats-best-member"](result)).toBe(
      result.metrics.ensemble_average.roc_auc > bestMember ? "yes" : "no",
    );
  });
});

describe("model-progression rules", () => {
  const { result } = runWithProgress<ModelProgressionResult>(modelProgression, {
    rows: 3_000,
    seed: 5,
    clickKeepRate: 0.6,
    nEstimators: 20,
    boostingRounds: 20,
  });

  it("follow edited metrics", () => {
    const edited = structuredClone(result);
    edited.metrics.baseline_popularity.accuracy = 0.99;
    expect(modelProgression.rules["highest-accuracy-baseline"](edited)).toBe(
      "popularity",
    );

    edited.metrics.ensemble_average.roc_auc = 0.99;
    expect(modelProgression.rules["ensemble-beats-best-member"](edited)).toBe(
      "yes",
    );
    expect(modelProgression.rules["highest-roc-auc-model"](edited)).toBe(
      "ensemble-average",
    );
  });

  it("see stronger models with more clicks kept", () => {
    // With 60% of clicks kept the signal is stronger than the notebook's.
    expect(result.dataset.clickRate).toBeGreaterThan(0.2);
    expect(result.metrics.logistic_regression.roc_auc).toBeGreaterThan(0.6);
  });
});

describe("model-progression parameters", () => {
  it("fills in the notebook's settings", () => {
    expect(modelProgression.defaults).toEqual({
      rows: 10_000,
      seed: 42,
      clickKeepRate: 0.15,
      maxDepth: 5,
      nEstimators: 100,
      boostingRounds: 100,
      learningRate: 0.1,
    });
  });

  it("names each parameter and its range", () => {
    const cases: [Record<string, number>, string][] = [
      [{ clickKeepRate: 0 }, "clickKeepRate must be between 0.05 and 1"],
      [{ maxDepth: 9 }, "maxDepth must be between 1 and 8"],
      [{ nEstimators: 0 }, "nEstimators must be between 1 and 200"],
      [{ boostingRounds: 500 }, "boostingRounds must be between 1 and 200"],
      [{ learningRate: 2 }, "learningRate must be between 0.01 and 1"],
    ];
    for (const [params, message] of cases) {
      expect(paramsErrorMessages(modelProgression, params)).toEqual([message]);
    }
  });
});
