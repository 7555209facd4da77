import { z } from "zod";

import { generateCtr } from "../../ml/datasets";
import { DecisionTreeClassifier } from "../../ml/decision-tree";
import { GradientBoostingClassifier } from "../../ml/gradient-boosting";
import { LogisticRegression } from "../../ml/logistic-regression";
import { takeLabels, takeRows } from "../../ml/matrix";
import { logLoss, rocAucScore } from "../../ml/metrics";
import { stratifiedTrainTestSplit } from "../../ml/split";
import type { Labels, Matrix } from "../../ml/types";
import {
  fitPlattScaling,
  summarizeCalibration,
  type CalibrationSummary,
} from "../calibration";
import { countPositives } from "../evaluation";
import { integerParam, numberParam } from "../params-schema";
import type { LabDefinition } from "../types";

export const developmentChecklistParams = z.strictObject({
  rows: integerParam("rows", 2_000, 100_000, 20_000),
  seed: integerParam("seed", 0, 2_147_483_647, 42),
  clickKeepRate: numberParam("clickKeepRate", 0.05, 1, 0.15),
  maxDepthLimit: integerParam("maxDepthLimit", 2, 16, 12),
  boostingRounds: integerParam("boostingRounds", 10, 500, 300),
  boostingDepth: integerParam("boostingDepth", 1, 6, 3),
  learningRate: numberParam("learningRate", 0.01, 1, 0.1),
  patience: integerParam("patience", 1, 100, 20),
  calibrationBins: integerParam("calibrationBins", 5, 20, 10),
});

export type DevelopmentChecklistParams = z.output<
  typeof developmentChecklistParams
>;

/** ROC-AUC of one setting on each split. */
export type SplitScores = {
  train_roc_auc: number;
  validation_roc_auc: number;
  test_roc_auc: number;
};

/** Result of the "development-checklist" lab. */
export type DevelopmentChecklistResult = {
  dataset: {
    rows: number;
    clickRate: number;
    trainRows: number;
    validationRows: number;
    testRows: number;
  };
  /** Decision trees of depth 1 to maxDepthLimit. */
  depthSweep: {
    points: ({ maxDepth: number } & SplitScores)[];
    /** Depth with the highest validation ROC-AUC (the shallower on a tie). */
    bestDepth: number;
    bestDepthTestRocAuc: number;
    deepestTestRocAuc: number;
  };
  /** Gradient boosting, scored after each round. */
  roundsSweep: {
    /** At most 200 rounds, evenly spaced, the last one included. */
    points: ({ round: number; validation_log_loss: number } & SplitScores)[];
    earlyStopping: {
      patience: number;
      /** Round with the lowest validation log loss before stopping. */
      bestRound: number;
      /** Round at which patience ran out, or the last round. */
      stoppedAtRound: number;
      testRocAucAtBestRound: number;
      testRocAucAtLastRound: number;
      roundsSaved: number;
    };
  };
  /**
   * Logistic regression with balanced class weights (probabilities pushed
   * up), before and after Platt scaling fitted on the validation split,
   * both measured on the test split.
   */
  calibration: {
    before: CalibrationSummary;
    after: CalibrationSummary;
    platt: { slope: number; intercept: number };
  };
};

interface Splits {
  xTrain: Matrix;
  yTrain: Labels;
  xValidation: Matrix;
  yValidation: Labels;
  xTest: Matrix;
  yTest: Labels;
}

function splitThreeWays(x: Matrix, y: Labels, seed: number): Splits {
  const outer = stratifiedTrainTestSplit(y, {
    testSize: 0.2,
    randomState: seed,
  });
  const inner = stratifiedTrainTestSplit(takeLabels(y, outer.train), {
    testSize: 0.25,
    randomState: seed,
  });
  const train = Int32Array.from(inner.train, (k) => outer.train[k]);
  const validation = Int32Array.from(inner.test, (k) => outer.train[k]);
  return {
    xTrain: takeRows(x, train),
    yTrain: takeLabels(y, train),
    xValidation: takeRows(x, validation),
    yValidation: takeLabels(y, validation),
    xTest: takeRows(x, outer.test),
    yTest: takeLabels(y, outer.test),
  };
}

/**
 * Finds where early stopping on validation log loss ends training: the
 * first round after which the loss has not improved for `patience`
 * rounds. The best round is the one with the lowest loss up to there.
 */
export function findEarlyStop(
  validationLoss: number[],
  patience: number,
): { bestRound: number; stoppedAtRound: number } {
  let best = 0;
  for (let k = 1; k < validationLoss.length; k++) {
    if (validationLoss[k] < validationLoss[best]) best = k;
    if (k - best >= patience)
      return { bestRound: best + 1, stoppedAtRound: k + 1 };
  }
  return { bestRound: best + 1, stoppedAtRound: validationLoss.length };
}

/**
 * Drill 5 hands-on: three checklist items on the chapter's CTR data, split
 * 60/20/20. Overfitting shows in train, validation and test ROC-AUC of
 * decision trees by depth and of gradient boosting by round. Early
 * stopping watches the validation log loss. Calibration compares a
 * class-weighted model before and after Platt scaling.
 */
export const developmentChecklist: LabDefinition<
  typeof developmentChecklistParams,
  DevelopmentChecklistResult
> = {
  slug: "development-checklist",
  title: "Overfitting, early stopping and calibration",
  summary:
    "Where test ROC-AUC stops following train ROC-AUC, when to stop boosting, and whether the probabilities mean what they say.",
  paramsSchema: developmentChecklistParams,
  defaults: developmentChecklistParams.parse({}),

  run(params, onProgress) {
    onProgress({ fraction: 0, stage: "Generating the CTR data" });
    const data = generateCtr(params);
    const clicks = countPositives(data.y);
    if (clicks < 30) {
      throw new RangeError(
        `the data has only ${clicks} clicks, too few for three splits; raise rows or clickKeepRate.`,
      );
    }
    const s = splitThreeWays(data.x, data.y, params.seed);
    const scoreSplits = (
      predict: (x: Matrix) => Float64Array,
    ): SplitScores => ({
      train_roc_auc: rocAucScore(s.yTrain, predict(s.xTrain)),
      validation_roc_auc: rocAucScore(s.yValidation, predict(s.xValidation)),
      test_roc_auc: rocAucScore(s.yTest, predict(s.xTest)),
    });

    const depthPoints: DevelopmentChecklistResult["depthSweep"]["points"] = [];
    for (let maxDepth = 1; maxDepth <= params.maxDepthLimit; maxDepth++) {
      const tree = new DecisionTreeClassifier({
        maxDepth,
        randomState: params.seed,
      }).fit(s.xTrain, s.yTrain);
      depthPoints.push({
        maxDepth,
        ...scoreSplits((x) => tree.predictProba(x)),
      });
      onProgress({
        fraction: (0.3 * maxDepth) / params.maxDepthLimit,
        stage:
          maxDepth < params.maxDepthLimit
            ? "Sweeping tree depth"
            : "Training gradient boosting",
      });
    }
    let best = depthPoints[0];
    for (const point of depthPoints) {
      if (point.validation_roc_auc > best.validation_roc_auc) best = point;
    }
    const depthSweep = {
      points: depthPoints,
      bestDepth: best.maxDepth,
      bestDepthTestRocAuc: best.test_roc_auc,
      deepestTestRocAuc: depthPoints[depthPoints.length - 1].test_roc_auc,
    };
    onProgress({
      fraction: 0.3,
      stage: "Training gradient boosting",
      partial: {
        key: "depthSweep",
        value: { ...depthSweep, points: depthPoints.map((p) => ({ ...p })) },
      },
    });

    const boosting = new GradientBoostingClassifier({
      nEstimators: params.boostingRounds,
      maxDepth: params.boostingDepth,
      learningRate: params.learningRate,
      randomState: params.seed,
    }).fit(s.xTrain, s.yTrain);
    onProgress({ fraction: 0.6, stage: "Scoring every boosting round" });

    const trainStages = boosting.stagedPredictProba(s.xTrain);
    const validationStages = boosting.stagedPredictProba(s.xValidation);
    const testStages = boosting.stagedPredictProba(s.xTest);
    const validationLoss: number[] = [];
    const testRocAuc: number[] = [];
    const allPoints: DevelopmentChecklistResult["roundsSweep"]["points"] = [];
    for (let round = 1; round <= params.boostingRounds; round++) {
      const train = trainStages.next().value as Float64Array;
      const validation = validationStages.next().value as Float64Array;
      const test = testStages.next().value as Float64Array;
      validationLoss.push(logLoss(s.yValidation, validation));
      testRocAuc.push(rocAucScore(s.yTest, test));
      allPoints.push({
        round,
        train_roc_auc: rocAucScore(s.yTrain, train),
        validation_roc_auc: rocAucScore(s.yValidation, validation),
        test_roc_auc: testRocAuc[round - 1],
        validation_log_loss: validationLoss[round - 1],
      });
    }
    const stride = Math.ceil(params.boostingRounds / 200);
    const points = allPoints.filter(
      (point) =>
        (point.round - 1) % stride === 0 ||
        point.round === params.boostingRounds,
    );
    const stop = findEarlyStop(validationLoss, params.patience);
    const roundsSweep = {
      points,
      earlyStopping: {
        patience: params.patience,
        ...stop,
        testRocAucAtBestRound: testRocAuc[stop.bestRound - 1],
        testRocAucAtLastRound: testRocAuc[params.boostingRounds - 1],
        roundsSaved: params.boostingRounds - stop.stoppedAtRound,
      },
    };
    onProgress({
      fraction: 0.85,
      stage: "Calibrating a class-weighted model",
      partial: {
        key: "earlyStopping",
        value: { ...roundsSweep.earlyStopping },
      },
    });

    const weighted = new LogisticRegression({
      maxIter: 1000,
      classWeight: "balanced",
    }).fit(s.xTrain, s.yTrain);
    const platt = fitPlattScaling(
      s.yValidation,
      weighted.predictProba(s.xValidation),
    );
    const testProbabilities = weighted.predictProba(s.xTest);
    const calibration = {
      before: summarizeCalibration(
        s.yTest,
        testProbabilities,
        params.calibrationBins,
      ),
      after: summarizeCalibration(
        s.yTest,
        platt.apply(testProbabilities),
        params.calibrationBins,
      ),
      platt: { slope: platt.slope, intercept: platt.intercept },
    };
    onProgress({ fraction: 1, stage: "Done" });

    return {
      dataset: {
        rows: params.rows,
        clickRate: clicks / params.rows,
        trainRows: s.yTrain.length,
        validationRows: s.yValidation.length,
        testRows: s.yTest.length,
      },
      depthSweep,
      roundsSweep,
      calibration,
    };
  },

  rules: {
    /** "yes" when the deepest tree scores a lower test ROC-AUC than the depth chosen on validation. */
    "deep-trees-overfit": (result) =>
      result.depthSweep.deepestTestRocAuc <
      result.depthSweep.bestDepthTestRocAuc
        ? "yes"
        : "no",

    /** "yes" when the early-stopped model's test ROC-AUC beats the last round's. */
    "early-stopping-helps": (result) =>
      result.roundsSweep.earlyStopping.testRocAucAtBestRound >
      result.roundsSweep.earlyStopping.testRocAucAtLastRound
        ? "yes"
        : "no",

    /**
     * Direction of the class-weighted model's bias before calibration,
     * mean probability against observed click rate: "overestimates" or
     * "underestimates".
     */
    "class-weights-bias-probabilities": (result) =>
      result.calibration.before.meanPredicted >
      result.calibration.before.observedRate
        ? "overestimates"
        : "underestimates",

    /** "yes" when Platt scaling lowers the test Brier score. */
    "calibration-lowers-brier": (result) =>
      result.calibration.after.brier < result.calibration.before.brier
        ? "yes"
        : "no",
  },
};
