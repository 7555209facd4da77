import type { BinaryClassifier, Labels, Matrix } from "../types";
import { expit } from "./binomial-deviance";
import {
  addStage,
  boostingFeatureImportances,
  type FittedBoosting,
} from "./boosting";
import { notFittedError } from "./model-json";
import type { TreeStructure } from "./tree-structure";
import { checkFeatureMatrix } from "./validation";

/**
 * Prediction side of the boosted binary classifiers: raw scores, staged
 * scores, probabilities and the fitted attributes. Subclasses fit and
 * serialise.
 */
export abstract class BoostedTreesClassifier implements BinaryClassifier {
  protected fitted: FittedBoosting | null = null;

  /** Model name in messages and JSON. */
  protected abstract readonly modelName: string;

  /** Shrinkage applied to every tree's leaf values. */
  protected abstract get learningRate(): number;

  abstract fit(x: Matrix, y: Labels, sampleWeight?: Float64Array): this;

  abstract toJSON(): unknown;

  /**
   * Raw score (log-odds of class 1) of every row: the prior log-odds plus
   * learningRate × each tree's leaf value.
   * @throws Error before fit; RangeError for a bad matrix or the wrong
   * number of features.
   */
  decisionFunction(x: Matrix): Float64Array {
    const fitted = this.fittedModel();
    checkFeatureMatrix(x, fitted.nFeatures);
    const raw = new Float64Array(x.rows).fill(fitted.initRawPrediction);
    for (const tree of fitted.trees) addStage(tree, this.learningRate, x, raw);
    return raw;
  }

  /**
   * Probability of class 1 for every row, the logistic sigmoid of
   * {@link BoostedTreesClassifier.decisionFunction}.
   * @throws like decisionFunction.
   */
  predictProba(x: Matrix): Float64Array {
    const raw = this.decisionFunction(x);
    for (let i = 0; i < raw.length; i++) raw[i] = expit(raw[i]);
    return raw;
  }

  /**
   * Class 1 where its probability exceeds that of class 0.
   * @throws like decisionFunction.
   */
  predict(x: Matrix): Labels {
    const probability = this.predictProba(x);
    return Uint8Array.from(probability, (p) => (p > 1 - p ? 1 : 0));
  }

  /**
   * Yields the raw scores after each round: the k-th array (0-based)
   * includes trees 0..k, like scikit-learn's `staged_decision_function`.
   * @throws like decisionFunction, when iteration starts.
   */
  *stagedDecisionFunction(x: Matrix): Generator<Float64Array, void, undefined> {
    const fitted = this.fittedModel();
    checkFeatureMatrix(x, fitted.nFeatures);
    const raw = new Float64Array(x.rows).fill(fitted.initRawPrediction);
    for (const tree of fitted.trees) {
      addStage(tree, this.learningRate, x, raw);
      yield raw.slice();
    }
  }

  /**
   * Yields the probability of class 1 after each round, for train and
   * validation curves and early stopping (scikit-learn's
   * `staged_predict_proba`).
   * @throws like decisionFunction, when iteration starts.
   */
  *stagedPredictProba(x: Matrix): Generator<Float64Array, void, undefined> {
    for (const raw of this.stagedDecisionFunction(x)) {
      for (let i = 0; i < raw.length; i++) raw[i] = expit(raw[i]);
      yield raw;
    }
  }

  /**
   * Mean over trees (single-leaf trees left out) of each tree's
   * squared-error decrease per feature, normalised to sum 1, as
   * scikit-learn computes `feature_importances_`.
   */
  get featureImportances(): Float64Array {
    return boostingFeatureImportances(this.fittedModel());
  }

  /**
   * Binomial deviance (2 × mean negative log-likelihood) on the training
   * rows after each round, on the in-bag rows when subsample < 1.
   */
  get trainScore(): Float64Array {
    return this.fittedModel().trainScore;
  }

  /**
   * Decrease of the out-of-bag deviance in each round, or null when
   * subsample is 1.
   */
  get oobImprovement(): Float64Array | null {
    return this.fittedModel().oobImprovement;
  }

  /** Log-odds of the weighted class-1 share, the raw score before any tree. */
  get initRawPrediction(): number {
    return this.fittedModel().initRawPrediction;
  }

  /** Regression trees in round order; leaf values are Newton steps. */
  get estimators(): readonly TreeStructure[] {
    return this.fittedModel().trees;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  protected fittedModel(): FittedBoosting {
    if (this.fitted === null) throw notFittedError(this.modelName);
    return this.fitted;
  }
}
