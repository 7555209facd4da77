import { describe, expect, it } from "vitest";

import {
  fitPlattScaling,
  summarizeCalibration,
} from "../../../lib/labs/calibration";
import {
  developmentChecklist,
  findEarlyStop,
  type DevelopmentChecklistResult,
} from "../../../lib/labs/definitions/development-checklist";
import { RandomState } from "../../../lib/ml/random";
import {
  expectPlainJson,
  expectProgressOrdered,
  paramsErrorMessages,
  runWithProgress,
} from "./lab-checks";

describe("development-checklist at its defaults", () => {
  const { result, progress } = runWithProgress<DevelopmentChecklistResult>(
    developmentChecklist,
    {},
  );

  it("splits 60/20/20", () => {
    expect(result.dataset).toMatchObject({
      trainRows: 12_000,
      validationRows: 4_000,
      testRows: 4_000,
    });
  });

  it("sweeps depth with train ROC-AUC rising", () => {
    const { points } = result.depthSweep;
    expect(points.map((p) => p.maxDepth)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(points[11].train_roc_auc).toBeGreaterThan(
      points[0].train_roc_auc + 0.1,
    );
    // The gap between train and test widens as trees deepen.
    const gap = (p: (typeof points)[number]) =>
      p.train_roc_auc - p.test_roc_auc;
    expect(gap(points[11])).toBeGreaterThan(gap(points[1]) + 0.1);
  });

  it("picks the depth with the best validation ROC-AUC", () => {
    const { points, bestDepth, bestDepthTestRocAuc } = result.depthSweep;
    const best = Math.max(...points.map((p) => p.validation_roc_auc));
    const chosen = points.find((p) => p.maxDepth === bestDepth)!;
    expect(chosen.validation_roc_auc).toBe(best);
    expect(points.find((p) => p.validation_roc_auc === best)!.maxDepth).toBe(
      bestDepth,
    );
    expect(bestDepthTestRocAuc).toBe(chosen.test_roc_auc);
  });

  it("stops boosting when validation loss stalls", () => {
    const { points, earlyStopping } = result.roundsSweep;
    expect(points.length).toBeLessThanOrEqual(200);
    expect(points.at(-1)!.round).toBe(300);
    expect(earlyStopping.stoppedAtRound - earlyStopping.bestRound).toBe(20);
    expect(earlyStopping.roundsSaved).toBe(300 - earlyStopping.stoppedAtRound);
    expect(points.at(-1)!.test_roc_auc).toBe(
      earlyStopping.testRocAucAtLastRound,
    );
    // Train ROC-AUC keeps climbing after the stop.
    expect(points.at(-1)!.train_roc_auc).toBeGreaterThan(
      points[0].train_roc_auc + 0.1,
    );
  });

  it("calibrates the class-weighted model", () => {
    const { before, after } = result.calibration;
    expect(before.observedRate).toBe(after.observedRate);
    // Balanced weights train as if half the rows were clicks.
    expect(before.meanPredicted).toBeGreaterThan(0.4);
    expect(Math.abs(after.meanPredicted - after.observedRate)).toBeLessThan(
      0.01,
    );
    expect(after.brier).toBeLessThan(before.brier);
    expect(after.expectedCalibrationError).toBeLessThan(
      before.expectedCalibrationError,
    );
    const counted = before.bins.reduce((total, bin) => total + bin.count, 0);
    expect(counted).toBe(result.dataset.testRows);
  });

  it("answers its rules from the result", () => {
    const rules = developmentChecklist.rules;
    expect(rules["deep-trees-overfit"](result)).toBe(
      result.depthSweep.deepestTestRocAuc <
        result.depthSweep.bestDepthTestRocAuc
        ? "yes"
        : "no",
    );
    expect(rules["class-weights-bias-probabilities"](result)).toBe(
      "overestimates",
    );
    expect(rules["calibration-lowers-brier"](result)).toBe("yes");
    const stop = result.roundsSweep.earlyStopping;
    expect(rules["early-stopping-helps"](result)).toBe(
      stop.testRocAucAtBestRound > stop.testRocAucAtLastRound ? "yes" : "no",
    );

    const edited = structuredClone(result);
    edited.depthSweep.deepestTestRocAuc = 1;
    edited.calibration.after.brier = 1;
    expect(rules["deep-trees-overfit"](edited)).toBe("no");
    expect(rules["calibration-lowers-brier"](edited)).toBe("no");
  });

  it("reports progress and returns plain JSON", () => {
    expectProgressOrdered(progress);
    expectPlainJson(result);
  });
});

describe("findEarlyStop", () => {
  it("stops patience rounds after the best", () => {
    expect(findEarlyStop([5, 4, 3, 3.5, 3.2, 3.1, 3.3], 3)).toEqual({
      bestRound: 3,
      stoppedAtRound: 6,
    });
  });

  it("runs to the end while the loss improves", () => {
    expect(findEarlyStop([5, 4, 3, 2], 2)).toEqual({
      bestRound: 4,
      stoppedAtRound: 4,
    });
  });
});

describe("Platt scaling", () => {
  it("recovers a known logistic distortion", () => {
    // True probability q; the model reports p with logit(p) = 2·logit(q) + 1.
    const random = new RandomState(3);
    const n = 40_000;
    const y = new Uint8Array(n);
    const reported = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const trueLogit = random.normal(-1, 1.5);
      y[i] = random.randomSample() < 1 / (1 + Math.exp(-trueLogit)) ? 1 : 0;
      reported[i] = 1 / (1 + Math.exp(-(2 * trueLogit + 1)));
    }
    const platt = fitPlattScaling(y, reported);

    // logit(q) = (logit(p) − 1) / 2, so slope 0.5 and intercept −0.5.
    expect(platt.slope).toBeCloseTo(0.5, 1);
    expect(platt.intercept).toBeCloseTo(-0.5, 1);
    const before = summarizeCalibration(y, reported, 10);
    const after = summarizeCalibration(y, platt.apply(reported), 10);
    expect(after.expectedCalibrationError).toBeLessThan(
      before.expectedCalibrationError / 3,
    );
  });
});

describe("development-checklist parameters", () => {
  it("names each parameter and its range", () => {
    expect(paramsErrorMessages(developmentChecklist, { patience: 0 })).toEqual([
      "patience must be between 1 and 100",
    ]);
    expect(
      paramsErrorMessages(developmentChecklist, { boostingRounds: 1_000 }),
    ).toEqual(["boostingRounds must be between 10 and 500"]);
  });
});
