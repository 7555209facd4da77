import { CTR_FEATURE_NAMES, generateCtr } from "../../ml/datasets";
import { takeLabels, takeRows } from "../../ml/matrix";
import { stratifiedTrainTestSplit } from "../../ml/split";
import type { RandomState } from "../../ml/random";
import type { Labels, Matrix } from "../../ml/types";
import { countPositives } from "../evaluation";

/** The chapter's CTR data, split as in its notebook. */
export interface CtrSplit {
  xTrain: Matrix;
  yTrain: Labels;
  xTest: Matrix;
  yTest: Labels;
  summary: CtrDatasetSummary;
  /**
   * The data's random stream after the recipe; the notebook's random
   * baseline continues it.
   */
  random: RandomState;
}

/** Sizes and click rates of a CTR run, stored in lab results. */
export interface CtrDatasetSummary {
  rows: number;
  trainRows: number;
  testRows: number;
  /** Share of clicks over all rows. */
  clickRate: number;
  trainPositives: number;
  testPositives: number;
  featureNames: string[];
}

/** Column of item_popularity, the popularity baseline's score. */
export const itemPopularityColumn =
  CTR_FEATURE_NAMES.indexOf("item_popularity");

/** Share of rows in the test split, as in the notebook. */
export const ctrTestSize = 0.2;

/**
 * Generates the CTR data and splits it 80/20, stratified by click. The
 * seed drives both the data and the split, so seed 42 with 10,000 rows
 * reproduces the notebook's tables.
 *
 * @throws {RangeError} when the data has fewer than 10 clicks, which a
 *   small rows or clickKeepRate can cause; the message names both.
 */
export function prepareCtrSplit(options: {
  rows: number;
  seed: number;
  clickKeepRate?: number;
}): CtrSplit {
  const data = generateCtr(options);
  const clicks = countPositives(data.y);
  if (clicks < 10) {
    throw new RangeError(
      `the data has only ${clicks} clicks, too few to split and evaluate; raise rows or clickKeepRate.`,
    );
  }

  const split = stratifiedTrainTestSplit(data.y, {
    testSize: ctrTestSize,
    randomState: options.seed,
  });
  const yTrain = takeLabels(data.y, split.train);
  const yTest = takeLabels(data.y, split.test);
  return {
    xTrain: takeRows(data.x, split.train),
    yTrain,
    xTest: takeRows(data.x, split.test),
    yTest,
    random: data.random,
    summary: {
      rows: options.rows,
      trainRows: split.train.length,
      testRows: split.test.length,
      clickRate: clicks / options.rows,
      trainPositives: countPositives(yTrain),
      testPositives: countPositives(yTest),
      featureNames: data.featureNames,
    },
  };
}
