import { binFeatures, MAX_BINS } from "./tree/binning";
import { BoostedTreesClassifier } from "./tree/boosted-classifier";
import {
  fitBoosting,
  fittedBoostingFromJSON,
  fittedBoostingToJSON,
  type FittedBoostingJson,
} from "./tree/boosting";
import { labelsAsTarget, unitWeights } from "./tree/classification";
import { HistogramTreeGrower } from "./tree/histogram-grower";
import { readModelEnvelope } from "./tree/model-json";
import {
  checkInteger,
  checkNumberInRange,
  checkRandomState,
  createRandomState,
  resolveMaxDepth,
} from "./tree/params";
import { presortFeatures } from "./tree/presort";
import { checkFitInput } from "./tree/validation";
import type { Labels, Matrix } from "./types";

const MODEL_NAME = "HistogramGradientBoostingClassifier";

/** Options of {@link HistogramGradientBoostingClassifier}. */
export interface HistogramGradientBoostingClassifierOptions {
  /** Shrinkage of each tree's contribution, > 0. Default 0.1. */
  learningRate?: number;
  /** Number of boosting rounds (trees). Default 100. */
  nEstimators?: number;
  /** Share of rows drawn without replacement for each tree, in (0, 1]. Default 1. */
  subsample?: number;
  /** Minimum number of rows a node needs to be split. Default 2. */
  minSamplesSplit?: number;
  /** Minimum number of rows in each child of a split. Default 1. */
  minSamplesLeaf?: number;
  /** Maximum depth of each tree, or null for no limit. Default 3. */
  maxDepth?: number | null;
  /** Bins per feature, an integer in [2, 256]. Default 255. */
  maxBins?: number;
  /** Seed for subsampling, or null for a fresh seed per fit. Default null. */
  randomState?: number | null;
}

type ResolvedOptions = Required<HistogramGradientBoostingClassifierOptions>;

/**
 * Approximate, faster variant of {@link GradientBoostingClassifier}: the
 * same binary log-loss boosting (prior log-odds start, Friedman-MSE
 * regression trees on the residuals, one Newton step per leaf, optional
 * row subsampling), but each feature is first cut into at most maxBins
 * bins of about equal row counts and splits are searched between bins
 * with per-node histograms.
 *
 * It is approximate in three ways. A feature with more than maxBins
 * distinct values can only split at bin edges. Ties between splits go to
 * the lower feature index, not to scikit-learn's random feature order.
 * Sums are added in another order, so rounding differs. With at most
 * maxBins distinct values per feature the candidate thresholds equal the
 * exact model's. This is not scikit-learn's `HistGradientBoostingClassifier`,
 * which grows leaf-wise with L2 regularisation.
 */
export class HistogramGradientBoostingClassifier extends BoostedTreesClassifier {
  readonly options: Readonly<ResolvedOptions>;
  protected readonly modelName = MODEL_NAME;

  /**
   * @throws RangeError for learningRate ≤ 0, nEstimators < 1, subsample
   * outside (0, 1], maxDepth other than null or an integer ≥ 1,
   * minSamplesSplit < 2, minSamplesLeaf < 1, maxBins outside [2, 256] or
   * an invalid randomState.
   */
  constructor(options: HistogramGradientBoostingClassifierOptions = {}) {
    super();
    const resolved: ResolvedOptions = {
      learningRate: options.learningRate ?? 0.1,
      nEstimators: options.nEstimators ?? 100,
      subsample: options.subsample ?? 1,
      minSamplesSplit: options.minSamplesSplit ?? 2,
      minSamplesLeaf: options.minSamplesLeaf ?? 1,
      maxDepth: options.maxDepth === undefined ? 3 : options.maxDepth,
      maxBins: options.maxBins ?? 255,
      randomState: checkRandomState(options.randomState ?? null),
    };
    checkNumberInRange(
      "learningRate",
      resolved.learningRate,
      0,
      Number.MAX_VALUE,
    );
    checkInteger("nEstimators", resolved.nEstimators, 1);
    checkNumberInRange("subsample", resolved.subsample, 0, 1);
    resolveMaxDepth(resolved.maxDepth);
    checkInteger("minSamplesSplit", resolved.minSamplesSplit, 2);
    checkInteger("minSamplesLeaf", resolved.minSamplesLeaf, 1);
    checkInteger("maxBins", resolved.maxBins, 2, MAX_BINS);
    this.options = Object.freeze(resolved);
  }

  /**
   * Bins the features and runs nEstimators boosting rounds on x and y.
   * @throws TypeError or RangeError for empty input, mismatched lengths,
   * NaN or infinite features, labels other than 0/1, a single class or
   * bad weights.
   */
  fit(x: Matrix, y: Labels, sampleWeight?: Float64Array): this {
    checkFitInput(x, y, sampleWeight);
    const data = presortFeatures(x);
    const grower = new HistogramTreeGrower(
      binFeatures(data, this.options.maxBins),
    );
    const params = {
      maxDepth: resolveMaxDepth(this.options.maxDepth),
      minSamplesSplit: this.options.minSamplesSplit,
      minSamplesLeaf: this.options.minSamplesLeaf,
    };
    this.fitted = fitBoosting(
      labelsAsTarget(y),
      sampleWeight ?? unitWeights(x.rows),
      data.columns,
      x.cols,
      this.options,
      createRandomState(this.options.randomState),
      (residual, weight, leafOfRow) =>
        grower.grow(residual, weight, params, leafOfRow),
    );
    return this;
  }

  protected get learningRate(): number {
    return this.options.learningRate;
  }

  toJSON(): HistogramGradientBoostingClassifierJson {
    return {
      model: MODEL_NAME,
      options: { ...this.options },
      nFeatures: this.fitted?.nFeatures ?? null,
      ...fittedBoostingToJSON(this.fitted),
    };
  }

  /**
   * Restores a model from {@link HistogramGradientBoostingClassifier.toJSON}
   * output.
   * @throws TypeError for JSON of another shape; RangeError for invalid options.
   */
  static fromJSON(json: unknown): HistogramGradientBoostingClassifier {
    const { options, nFeatures, body } = readModelEnvelope(json, MODEL_NAME);
    const model = new HistogramGradientBoostingClassifier(
      options as HistogramGradientBoostingClassifierOptions,
    );
    model.fitted = fittedBoostingFromJSON(
      body,
      nFeatures,
      model.options.nEstimators,
      MODEL_NAME,
    );
    return model;
  }
}

/** JSON form of a {@link HistogramGradientBoostingClassifier}. */
export interface HistogramGradientBoostingClassifierJson extends FittedBoostingJson {
  model: typeof MODEL_NAME;
  options: ResolvedOptions;
  nFeatures: number | null;
}
