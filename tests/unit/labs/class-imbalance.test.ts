import { describe, expect, it } from "vitest";

import {
  classImbalance,
  mitigations,
  type ClassImbalanceResult,
} from "../../../lib/labs/definitions/class-imbalance";
import {
  checkImbalanceTask,
  countOperatingPoints,
  imbalanceThresholdGrid,
  trainingMethods,
  type ImbalanceTaskData,
} from "../../../lib/labs/definitions/imbalance-task";
import {
  expectCurve,
  expectPlainJson,
  expectProgressOrdered,
  paramsErrorMessages,
  runWithProgress,
} from "./lab-checks";

describe("class-imbalance at 0.1% frauds", () => {
  const { result, progress } = runWithProgress<ClassImbalanceResult>(
    classImbalance,
    {},
  );

  it("splits 60/20/20 with the frauds spread evenly", () => {
    const { dataset } = result;
    expect(dataset.fraudRate).toBeCloseTo(0.001, 12);
    expect([
      dataset.trainRows,
      dataset.validationRows,
      dataset.testRows,
    ]).toEqual([120_000, 40_000, 40_000]);
    expect([
      dataset.trainPositives,
      dataset.validationPositives,
      dataset.testPositives,
    ]).toEqual([120, 40, 40]);
  });

  it("shows the majority baseline's accuracy hiding its ranking", () => {
    const testRate = result.dataset.testPositives / result.dataset.testRows;
    expect(result.majorityBaseline.accuracy).toBeCloseTo(1 - testRate, 12);
    expect(result.majorityBaseline.recall).toBe(0);
    // A constant score ranks nothing: average precision is the base rate.
    expect(result.majorityBaseline.average_precision).toBeCloseTo(testRate, 12);
  });

  it("keeps each mitigation's metrics consistent with its confusion matrix", () => {
    for (const mitigation of mitigations) {
      const {
        truePositives: tp,
        falsePositives: fp,
        falseNegatives: fn,
        trueNegatives: tn,
      } = result.confusion[mitigation];
      const metrics = result.metrics[mitigation];
      expect(tp + fn, mitigation).toBe(result.dataset.testPositives);
      expect(tp + fp + fn + tn, mitigation).toBe(result.dataset.testRows);
      expect(metrics.recall, mitigation).toBeCloseTo(tp / (tp + fn), 12);
      expect(metrics.precision, mitigation).toBeCloseTo(
        tp + fp === 0 ? 0 : tp / (tp + fp),
        12,
      );
      expect(metrics.accuracy, mitigation).toBeCloseTo(
        (tp + tn) / result.dataset.testRows,
        12,
      );
    }
  });

  it("raises recall with resampling and class weights", () => {
    for (const method of [
      "oversampling",
      "undersampling",
      "class_weight",
    ] as const) {
      expect(result.metrics[method].recall, method).toBeGreaterThan(
        result.metrics.none.recall,
      );
      expect(result.metrics[method].precision, method).toBeLessThan(
        result.metrics.none.precision,
      );
    }
  });

  it("moves the threshold on the validation split", () => {
    const moved = result.thresholdMoving;
    expect(moved.validationRecall).toBeGreaterThanOrEqual(
      result.task.targetRecall,
    );
    expect(result.metrics.threshold_moving.threshold).toBe(moved.threshold);
    expect(moved.threshold).toBeLessThan(0.5);
    // Same scores as the plain model, so the same ranking.
    expect(result.metrics.threshold_moving.roc_auc).toBe(
      result.metrics.none.roc_auc,
    );
    expect(result.metrics.threshold_moving.recall).toBeGreaterThan(
      result.metrics.none.recall,
    );
  });

  it("stores operating points that agree with the confusion matrices", () => {
    expect(result.operatingPoints.thresholds).toEqual([
      ...imbalanceThresholdGrid,
    ]);
    for (const method of trainingMethods) {
      const atHalf = checkImbalanceTask(result, { method, threshold: 0.5 });
      expect(atHalf.truePositives, method).toBe(
        result.confusion[method].truePositives,
      );
      expect(atHalf.falsePositives, method).toBe(
        result.confusion[method].falsePositives,
      );
      const { truePositives, falsePositives } =
        result.operatingPoints.counts[method];
      for (let k = 1; k < truePositives.length; k++) {
        expect(truePositives[k]).toBeLessThanOrEqual(truePositives[k - 1]);
        expect(falsePositives[k]).toBeLessThanOrEqual(falsePositives[k - 1]);
      }
    }
  });

  it("returns precision-recall curves for the training methods", () => {
    for (const method of trainingMethods) {
      const curve = result.prCurves[method] as unknown as Record<
        string,
        number
      >[];
      expectCurve(curve, "recall", "precision", { end: [0, 1] });
    }
  });

  it("reports progress per mitigation and returns plain JSON", () => {
    expectProgressOrdered(progress);
    const keys = progress.flatMap((event) =>
      event.partial ? [event.partial.key] : [],
    );
    expect(keys).toEqual(["majorityBaseline", ...mitigations]);
    expectPlainJson(result);
  });

  it("answers its rules from the metrics", () => {
    const rules = classImbalance.rules;
    const best = trainingMethods.reduce((a, b) =>
      result.metrics[b].average_precision > result.metrics[a].average_precision
        ? b
        : a,
    );
    expect(rules["best-average-precision-method"](result)).toBe(
      best.replace("_", "-"),
    );
    expect(rules["class-weight-raises-recall"](result)).toBe("yes");
    expect(rules["moved-threshold-holds-on-test"](result)).toBe(
      result.metrics.threshold_moving.recall >= result.task.targetRecall
        ? "yes"
        : "no",
    );

    const edited = structuredClone(result);
    edited.metrics.undersampling.average_precision = 0.999;
    edited.metrics.class_weight.recall = 0;
    edited.metrics.threshold_moving.recall = result.task.targetRecall;
    expect(rules["best-average-precision-method"](edited)).toBe(
      "undersampling",
    );
    expect(rules["class-weight-raises-recall"](edited)).toBe("no");
    expect(rules["moved-threshold-holds-on-test"](edited)).toBe("yes");
  });

  it("has a grid threshold that passes the task", () => {
    const passing = trainingMethods.flatMap((method) =>
      result.operatingPoints.thresholds
        .map((threshold) => checkImbalanceTask(result, { method, threshold }))
        .filter((outcome) => outcome.passed),
    );
    expect(passing.length).toBeGreaterThan(0);
    for (const outcome of passing) {
      expect(outcome.recall).toBeGreaterThanOrEqual(result.task.targetRecall);
      expect(outcome.precision).toBeGreaterThanOrEqual(
        result.task.minPrecision,
      );
    }
  });
});

describe("checkImbalanceTask", () => {
  // Ten test positives; "none" finds 9, 8 and 0 of them at the three thresholds.
  const thresholds = [0.1, 0.5, 0.99];
  const empty = { truePositives: [0, 0, 0], falsePositives: [0, 0, 0] };
  const data: ImbalanceTaskData = {
    task: { targetRecall: 0.8, minPrecision: 0.5 },
    dataset: { testPositives: 10, testRows: 1_000 },
    operatingPoints: {
      thresholds,
      counts: {
        none: { truePositives: [9, 8, 0], falsePositives: [30, 8, 0] },
        oversampling: empty,
        undersampling: empty,
        class_weight: empty,
        focal_loss: empty,
      },
    },
  };

  it("passes when recall and precision reach the targets", () => {
    const outcome = checkImbalanceTask(data, {
      method: "none",
      threshold: 0.5,
    });
    expect(outcome).toMatchObject({
      truePositives: 8,
      falsePositives: 8,
      falseNegatives: 2,
      recall: 0.8,
      precision: 0.5,
      passed: true,
    });
  });

  it("fails on precision at a low threshold", () => {
    const outcome = checkImbalanceTask(data, {
      method: "none",
      threshold: 0.1,
    });
    expect(outcome.meetsRecall).toBe(true);
    expect(outcome.meetsPrecision).toBe(false);
    expect(outcome.passed).toBe(false);
  });

  it("counts no predictions as zero precision", () => {
    const outcome = checkImbalanceTask(data, {
      method: "none",
      threshold: 0.99,
    });
    expect(outcome.precision).toBe(0);
    expect(outcome.recall).toBe(0);
    expect(outcome.passed).toBe(false);
  });

  it("rejects thresholds off the grid and unknown methods", () => {
    expect(() =>
      checkImbalanceTask(data, { method: "none", threshold: 0.3 }),
    ).toThrow(/not one of the run's thresholds/);
    expect(() =>
      checkImbalanceTask(data, { method: "smote" as "none", threshold: 0.5 }),
    ).toThrow(/method must be one of none, oversampling/);
  });
});

describe("imbalance threshold grid", () => {
  it("increases strictly from 0.0001 to 0.9999", () => {
    expect(imbalanceThresholdGrid[0]).toBe(0.0001);
    expect(imbalanceThresholdGrid.at(-1)).toBe(0.9999);
    for (let k = 1; k < imbalanceThresholdGrid.length; k++) {
      expect(imbalanceThresholdGrid[k]).toBeGreaterThan(
        imbalanceThresholdGrid[k - 1],
      );
    }
    expect(imbalanceThresholdGrid).toContain(0.5);
  });

  it("counts predictions at or above each threshold", () => {
    const y = Uint8Array.from([1, 0, 1, 0]);
    const scores = [0.9, 0.5, 0.5, 0.1];
    expect(countOperatingPoints(y, scores, [0.1, 0.5, 0.6])).toEqual({
      truePositives: [2, 2, 1],
      falsePositives: [2, 1, 0],
    });
  });
});

describe("class-imbalance parameters", () => {
  it("names each parameter and its range", () => {
    expect(paramsErrorMessages(classImbalance, { rows: 1_000 })).toEqual([
      "rows must be between 20,000 and 250,000",
    ]);
    expect(paramsErrorMessages(classImbalance, { fraudRate: 0.2 })).toEqual([
      "fraudRate must be between 0.0005 and 0.05",
    ]);
    expect(paramsErrorMessages(classImbalance, { targetRecall: 1 })).toEqual([
      "targetRecall must be between 0.5 and 0.95",
    ]);
  });

  it("refuses too few frauds with advice", () => {
    const params = classImbalance.paramsSchema.parse({
      rows: 20_000,
      fraudRate: 0.0005,
    });
    expect(() => classImbalance.run(params, () => {})).toThrow(
      "the data has only 10 frauds, fewer than 20; raise rows or fraudRate.",
    );
  });
});
