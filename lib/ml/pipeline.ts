import {
  majorityClassBaseline,
  popularityBaseline,
  randomBaseline,
} from "./baselines";
import { type Dataset, generateCtr } from "./datasets";
import { DecisionTreeClassifier } from "./decision-tree";
import { averageProbabilities } from "./ensemble";
import { GradientBoostingClassifier } from "./gradient-boosting";
import { randomOversample } from "./imbalance";
import { LogisticRegression } from "./logistic-regression";
import { takeLabels, takeRows } from "./matrix";
import {
  type ClassificationScores,
  classificationScores,
  predictAtThreshold,
} from "./metrics";
import { RandomForestClassifier } from "./random-forest";
import { RandomState } from "./random";
import { stratifiedTrainTestSplit, type TrainTestIndices } from "./split";
import type { Labels, Matrix } from "./types";
import { assertInRange, assertLabels, assertMatrix } from "./validate";

/** Model ids, in the notebook's order and as the scikit-learn reference names them. */
export const MODEL_IDS = [
  "baseline_always0",
  "baseline_random",
  "baseline_popularity",
  "logistic_regression",
  "decision_tree",
  "random_forest",
  "gradient_boosting",
  "ensemble_avg4",
  "lr_oversampled",
  "lr_balanced",
] as const;

export type ModelId = (typeof MODEL_IDS)[number];

/** Models whose fit is timed. */
export type FittedModelId = Exclude<
  ModelId,
  | "baseline_always0"
  | "baseline_random"
  | "baseline_popularity"
  | "ensemble_avg4"
>;

/** Parameters of {@link runPipeline}; defaults are the notebook's. */
export interface PipelineParams {
  /** Rows of the generated CTR data, default 10,000 (ignored with given data). */
  rows?: number;
  /** np.random.seed of the data recipe, default 42. */
  seed?: number;
  /** Share of clicks kept by the recipe, default 0.15. */
  clickKeepRate?: number;
  /** random_state of the split, the trees and the oversampling, default 42. */
  randomState?: number;
  /** Test share of the stratified split, default 0.2. */
  testSize?: number;
  /** maxDepth of the decision tree, default 5. */
  maxDepth?: number;
  /** Trees in the random forest, default 100. */
  nEstimators?: number;
  /** maxDepth of the forest's trees, default 10. */
  rfMaxDepth?: number;
  /** Boosting rounds, default 100. */
  boostingRounds?: number;
  /** Boosting learning rate, default 0.1. */
  learningRate?: number;
  /** maxDepth of the boosted trees, default 5. */
  gbMaxDepth?: number;
  /** Feature the popularity baseline thresholds, default "item_popularity". */
  popularityFeature?: string;
}

/** One finished step, reported through {@link PipelineOptions.onProgress}. */
export interface PipelineProgress {
  step: "data" | "split" | ModelId;
  /** 1-based position among {@link PIPELINE_STEP_COUNT} steps. */
  index: number;
  total: number;
  /** Seconds since the run started. */
  elapsedSeconds: number;
}

export const PIPELINE_STEP_COUNT = MODEL_IDS.length + 2;

/** Options of {@link runPipeline} that are not model parameters. */
export interface PipelineOptions {
  /** Called after each step. */
  onProgress?: (progress: PipelineProgress) => void;
  /** Data to use instead of generating the CTR recipe. */
  data?: Dataset;
  /** Train and test row indices to use instead of the stratified split. */
  split?: TrainTestIndices;
  /** Return each model's test-set scores and the test labels. */
  includeTestScores?: boolean;
}

/** Output of {@link runPipeline}. */
export interface PipelineResult {
  params: Required<PipelineParams>;
  nTrain: number;
  nTest: number;
  trainPositiveRate: number;
  testPositives: number;
  popularityThreshold: number;
  metrics: Record<ModelId, ClassificationScores>;
  /** Wall-clock seconds of each model's fit. */
  fitSeconds: Record<FittedModelId, number>;
  /** Seconds for the whole run: data, split, fits, predictions, metrics. */
  totalSeconds: number;
  /** Coefficients and intercept of the three logistic regressions. */
  lrCoefficients: Record<
    "logistic_regression" | "lr_oversampled" | "lr_balanced",
    { coef: number[]; intercept: number }
  >;
  testScores?: Record<ModelId, Float64Array>;
  yTest?: Labels;
}

const DEFAULTS: Required<PipelineParams> = {
  rows: 10_000,
  seed: 42,
  clickKeepRate: 0.15,
  randomState: 42,
  testSize: 0.2,
  maxDepth: 5,
  nEstimators: 100,
  rfMaxDepth: 10,
  boostingRounds: 100,
  learningRate: 0.1,
  gbMaxDepth: 5,
  popularityFeature: "item_popularity",
};

/**
 * Resolves defaults and checks every parameter.
 * @throws RangeError naming the parameter and its valid range.
 */
export function resolvePipelineParams(
  params: PipelineParams = {},
): Required<PipelineParams> {
  const resolved = { ...DEFAULTS, ...params };

  // Integer parameters and their ranges. The upper bounds only stop
  // runaway runs; callers such as the labs apply tighter limits.
  const integerRanges: Array<[keyof PipelineParams, number, number]> = [
    ["rows", 20, 1e7],
    ["seed", 0, 0xffffffff],
    ["randomState", 0, 0xffffffff],
    ["maxDepth", 1, 64],
    ["nEstimators", 1, 2000],
    ["rfMaxDepth", 1, 64],
    ["boostingRounds", 1, 5000],
    ["gbMaxDepth", 1, 64],
  ];
  for (const [name, min, max] of integerRanges) {
    assertInRange(name, resolved[name] as number, min, max, { integer: true });
  }

  const open = { minExclusive: true, maxExclusive: true };
  assertInRange("clickKeepRate", resolved.clickKeepRate, 0, 1, {
    minExclusive: true,
  });
  assertInRange("testSize", resolved.testSize, 0, 1, open);
  assertInRange("learningRate", resolved.learningRate, 0, 10, {
    minExclusive: true,
  });

  if (
    typeof resolved.popularityFeature !== "string" ||
    resolved.popularityFeature === ""
  ) {
    throw new TypeError("popularityFeature must be a non-empty feature name.");
  }
  return resolved;
}

function checkSplit(split: TrainTestIndices, rows: number): void {
  const seen = new Uint8Array(rows);
  for (const [name, indices] of [
    ["train", split.train],
    ["test", split.test],
  ] as const) {
    if (indices.length === 0) {
      throw new RangeError(
        `the ${name} split is empty; give it at least one row.`,
      );
    }
    for (const index of indices) {
      if (!Number.isInteger(index) || index < 0 || index >= rows) {
        throw new RangeError(
          `${name} index ${index} is outside [0, ${rows - 1}].`,
        );
      }
      if (seen[index] === 1) {
        throw new RangeError(
          `row ${index} appears twice in the train and test indices.`,
        );
      }
      seen[index] = 1;
    }
  }
}

/** Hard predictions as scikit-learn's predict: class 1 where p > 0.5. */
function predictLikeSklearn(probabilities: Float64Array): Labels {
  return predictAtThreshold(probabilities, 0.5, false);
}

/**
 * Runs the chapter notebook's model progression on CTR data with a
 * stratified 80/20 split. The models are three baselines (always 0,
 * random at the training rate, popularity above its training 70th
 * percentile), logistic regression, a decision tree, a random forest,
 * gradient boosting and the average of those four (1 where the mean
 * probability is ≥ 0.5). Two imbalance fixes follow: logistic regression
 * on randomly oversampled data and with balanced class weights. With the
 * defaults it reproduces the notebook's scikit-learn 1.2.1 numbers.
 *
 * With given data the random baseline draws from RandomState(seed), since
 * there is no recipe stream to continue.
 * @throws RangeError or TypeError for invalid parameters, data, or split
 * indices, or when the training or test rows contain a single class.
 */
export function runPipeline(
  params: PipelineParams = {},
  options: PipelineOptions = {},
): PipelineResult {
  const resolved = resolvePipelineParams(params);
  const started = performance.now();
  let stepIndex = 0;
  const report = (step: PipelineProgress["step"]): void => {
    stepIndex++;
    options.onProgress?.({
      step,
      index: stepIndex,
      total: PIPELINE_STEP_COUNT,
      elapsedSeconds: (performance.now() - started) / 1000,
    });
  };

  let data: Dataset;
  let globalStream: RandomState;
  if (options.data) {
    data = options.data;
    assertMatrix(data.x, "data.x");
    assertLabels(data.y, data.x.rows, "data.y");
    globalStream = new RandomState(resolved.seed);
  } else {
    const generated = generateCtr({
      rows: resolved.rows,
      seed: resolved.seed,
      clickKeepRate: resolved.clickKeepRate,
    });
    data = generated;
    globalStream = generated.random;
  }
  const popularityColumn = data.featureNames.indexOf(
    resolved.popularityFeature,
  );
  if (popularityColumn < 0) {
    throw new RangeError(
      `popularityFeature "${resolved.popularityFeature}" is not a column; columns are ${data.featureNames.join(", ")}.`,
    );
  }
  report("data");

  const split =
    options.split ??
    stratifiedTrainTestSplit(data.y, {
      testSize: resolved.testSize,
      randomState: resolved.randomState,
    });
  checkSplit(split, data.x.rows);
  const xTrain = takeRows(data.x, split.train);
  const yTrain = takeLabels(data.y, split.train);
  const xTest = takeRows(data.x, split.test);
  const yTest = takeLabels(data.y, split.test);
  report("split");

  const metrics = {} as Record<ModelId, ClassificationScores>;
  const testScores = {} as Record<ModelId, Float64Array>;
  const fitSeconds = {} as Record<FittedModelId, number>;
  const record = (
    id: ModelId,
    predictions: Labels,
    scores: Float64Array,
  ): void => {
    metrics[id] = classificationScores(yTest, predictions, scores);
    testScores[id] = scores;
    report(id);
  };
  const timedFit = <T extends { fit(x: Matrix, y: Labels): unknown }>(
    id: FittedModelId,
    model: T,
    x: Matrix,
    y: Labels,
  ): T => {
    const fitStarted = performance.now();
    model.fit(x, y);
    fitSeconds[id] = (performance.now() - fitStarted) / 1000;
    return model;
  };

  const majority = majorityClassBaseline(yTrain, yTest.length);
  record("baseline_always0", majority.predictions, majority.scores);
  const random = randomBaseline(yTrain, yTest.length, globalStream);
  record("baseline_random", random.predictions, random.scores);
  const popularity = popularityBaseline(xTrain, xTest, {
    column: popularityColumn,
  });
  record("baseline_popularity", popularity.predictions, popularity.scores);

  const lr = timedFit(
    "logistic_regression",
    new LogisticRegression({ maxIter: 1000 }),
    xTrain,
    yTrain,
  );
  const lrProba = lr.predictProba(xTest);
  record("logistic_regression", lr.predict(xTest), lrProba);

  const tree = timedFit(
    "decision_tree",
    new DecisionTreeClassifier({
      maxDepth: resolved.maxDepth,
      randomState: resolved.randomState,
    }),
    xTrain,
    yTrain,
  );
  const treeProba = tree.predictProba(xTest);
  record("decision_tree", predictLikeSklearn(treeProba), treeProba);

  const forest = timedFit(
    "random_forest",
    new RandomForestClassifier({
      nEstimators: resolved.nEstimators,
      maxDepth: resolved.rfMaxDepth,
      randomState: resolved.randomState,
    }),
    xTrain,
    yTrain,
  );
  const forestProba = forest.predictProba(xTest);
  record("random_forest", predictLikeSklearn(forestProba), forestProba);

  const boosting = timedFit(
    "gradient_boosting",
    new GradientBoostingClassifier({
      nEstimators: resolved.boostingRounds,
      learningRate: resolved.learningRate,
      maxDepth: resolved.gbMaxDepth,
      randomState: resolved.randomState,
    }),
    xTrain,
    yTrain,
  );
  const boostingProba = boosting.predictProba(xTest);
  record("gradient_boosting", predictLikeSklearn(boostingProba), boostingProba);

  const average = averageProbabilities([
    lrProba,
    treeProba,
    forestProba,
    boostingProba,
  ]);
  record("ensemble_avg4", predictAtThreshold(average, 0.5, true), average);

  const balanced = randomOversample(xTrain, yTrain, resolved.randomState);
  const oversampled = timedFit(
    "lr_oversampled",
    new LogisticRegression({ maxIter: 1000 }),
    balanced.x,
    balanced.y,
  );
  record(
    "lr_oversampled",
    oversampled.predict(xTest),
    oversampled.predictProba(xTest),
  );

  const weighted = timedFit(
    "lr_balanced",
    new LogisticRegression({ maxIter: 1000, classWeight: "balanced" }),
    xTrain,
    yTrain,
  );
  record("lr_balanced", weighted.predict(xTest), weighted.predictProba(xTest));

  let trainPositives = 0;
  for (const label of yTrain) trainPositives += label;
  let testPositives = 0;
  for (const label of yTest) testPositives += label;
  const coefficientsOf = (model: LogisticRegression) => ({
    coef: Array.from(model.coefficients ?? []),
    intercept: model.intercept,
  });

  const result: PipelineResult = {
    params: resolved,
    nTrain: yTrain.length,
    nTest: yTest.length,
    trainPositiveRate: trainPositives / yTrain.length,
    testPositives,
    popularityThreshold: popularity.threshold,
    metrics,
    fitSeconds,
    totalSeconds: (performance.now() - started) / 1000,
    lrCoefficients: {
      logistic_regression: coefficientsOf(lr),
      lr_oversampled: coefficientsOf(oversampled),
      lr_balanced: coefficientsOf(weighted),
    },
  };
  if (options.includeTestScores) {
    result.testScores = testScores;
    result.yTest = yTest;
  }
  return result;
}
