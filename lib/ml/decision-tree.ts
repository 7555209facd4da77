import { growTree, type TreeGrowthParams } from "./tree/builder";
import {
  labelsAsTarget,
  leafClassProbability,
  predictClassProbability,
  unitWeights,
} from "./tree/classification";
import {
  checkClassificationCriterion,
  criterionCode,
  type ClassificationCriterion,
} from "./tree/criterion";
import { notFittedError, readModelEnvelope } from "./tree/model-json";
import {
  checkRandomState,
  checkTreeShapeOptions,
  createRandomState,
  resolveMaxDepth,
  resolveMaxFeatures,
  type MaxFeatures,
} from "./tree/params";
import { presortFeatures } from "./tree/presort";
import { PresortedSplitter } from "./tree/presorted-splitter";
import { RAND_R_MAX } from "./tree/rand-r";
import { TreeStructure } from "./tree/tree-structure";
import { checkFeatureMatrix, checkFitInput } from "./tree/validation";
import type { BinaryClassifier, Labels, Matrix } from "./types";

const MODEL_NAME = "DecisionTreeClassifier";

/** Options of {@link DecisionTreeClassifier}; names follow scikit-learn's. */
export interface DecisionTreeClassifierOptions {
  /** Impurity to minimise; "log_loss" is the same as "entropy". Default "gini". */
  criterion?: ClassificationCriterion;
  /** Maximum depth (root at 0), or null to grow until leaves are pure. Default null. */
  maxDepth?: number | null;
  /** Minimum number of rows a node needs to be split. Default 2. */
  minSamplesSplit?: number;
  /** Minimum number of rows in each child of a split. Default 1. */
  minSamplesLeaf?: number;
  /** Features drawn per split (see {@link MaxFeatures}). Default null (all). */
  maxFeatures?: MaxFeatures;
  /** Seed for the feature order, or null for a fresh seed per fit. Default null. */
  randomState?: number | null;
}

type ResolvedOptions = Required<DecisionTreeClassifierOptions>;

/**
 * CART classification tree matching scikit-learn 1.2.1's
 * `DecisionTreeClassifier` (splitter "best"). Features are compared as
 * float32, and thresholds sit halfway between neighbouring distinct values.
 * Features are visited in the order scikit-learn draws from the same
 * `random_state`, which decides ties even when maxFeatures is null.
 * `predictProba` returns the weighted fraction of class 1 in the leaf.
 *
 * Not supported: classWeight, maxLeafNodes, minWeightFractionLeaf,
 * minImpurityDecrease, ccpAlpha and missing values.
 */
export class DecisionTreeClassifier implements BinaryClassifier {
  readonly options: Readonly<ResolvedOptions>;
  private tree: TreeStructure | null = null;

  /**
   * @throws RangeError for an unknown criterion, maxDepth other than null
   * or an integer ≥ 1, minSamplesSplit < 2, minSamplesLeaf < 1, an invalid
   * maxFeatures, or randomState outside [0, 2^32 − 1].
   */
  constructor(options: DecisionTreeClassifierOptions = {}) {
    const resolved: ResolvedOptions = {
      criterion: checkClassificationCriterion(options.criterion ?? "gini"),
      maxDepth: options.maxDepth ?? null,
      minSamplesSplit: options.minSamplesSplit ?? 2,
      minSamplesLeaf: options.minSamplesLeaf ?? 1,
      maxFeatures: options.maxFeatures ?? null,
      randomState: checkRandomState(options.randomState ?? null),
    };
    checkTreeShapeOptions(resolved);
    this.options = Object.freeze(resolved);
  }

  /**
   * Grows the tree on x and labels y, optionally weighting rows; rows with
   * weight 0 are left out.
   * @throws TypeError or RangeError for empty input, mismatched lengths,
   * NaN or infinite features, labels other than 0/1, a single class, bad
   * weights, or maxFeatures above the feature count.
   */
  fit(x: Matrix, y: Labels, sampleWeight?: Float64Array): this {
    checkFitInput(x, y, sampleWeight);
    const params = treeGrowthParams(this.options, x.cols);
    const splitter = new PresortedSplitter(presortFeatures(x));
    const seed = createRandomState(this.options.randomState).randint(
      0,
      RAND_R_MAX,
    );
    this.tree = growTree(
      splitter,
      params,
      labelsAsTarget(y),
      sampleWeight ?? unitWeights(x.rows),
      seed,
    );
    return this;
  }

  /**
   * Probability of class 1 for every row of x.
   * @throws Error before fit; RangeError for a bad matrix or the wrong
   * number of features.
   */
  predictProba(x: Matrix): Float64Array {
    const tree = this.fittedTree();
    checkFeatureMatrix(x, tree.nFeatures);
    const out = new Float64Array(x.rows);
    predictClassProbability(tree, x, 1, out, false);
    return out;
  }

  /**
   * Predicted class (0 or 1) for every row: the class with the larger
   * weighted count in the leaf, class 0 on a tie.
   * @throws like {@link DecisionTreeClassifier.predictProba}.
   */
  predict(x: Matrix): Labels {
    const tree = this.fittedTree();
    checkFeatureMatrix(x, tree.nFeatures);
    const labels = new Uint8Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      const leaf = tree.leafOfRow(x.data, i * x.cols);
      labels[i] =
        leafClassProbability(tree, leaf, 1) >
        leafClassProbability(tree, leaf, 0)
          ? 1
          : 0;
    }
    return labels;
  }

  /**
   * Index of the leaf each row of x falls into.
   * @throws like {@link DecisionTreeClassifier.predictProba}.
   */
  apply(x: Matrix): Int32Array {
    const tree = this.fittedTree();
    checkFeatureMatrix(x, tree.nFeatures);
    return tree.apply(x);
  }

  /** Normalised total Gini or entropy decrease per feature (scikit-learn's `feature_importances_`). */
  get featureImportances(): Float64Array {
    return this.fittedTree().featureImportances(true);
  }

  /** Fitted node arrays. @throws Error before fit. */
  get treeStructure(): TreeStructure {
    return this.fittedTree();
  }

  get isFitted(): boolean {
    return this.tree !== null;
  }

  toJSON(): DecisionTreeClassifierJson {
    return {
      model: MODEL_NAME,
      options: { ...this.options },
      nFeatures: this.tree?.nFeatures ?? null,
      tree: this.tree?.toJSON() ?? null,
    };
  }

  /**
   * Restores a model from {@link DecisionTreeClassifier.toJSON} output.
   * @throws TypeError for JSON of another shape; RangeError for invalid options.
   */
  static fromJSON(json: unknown): DecisionTreeClassifier {
    const { options, body } = readModelEnvelope(json, MODEL_NAME);
    const model = new DecisionTreeClassifier(
      options as DecisionTreeClassifierOptions,
    );
    if (body.tree !== null) model.tree = TreeStructure.fromJSON(body.tree);
    return model;
  }

  private fittedTree(): TreeStructure {
    if (this.tree === null) throw notFittedError(MODEL_NAME);
    return this.tree;
  }
}

/** JSON form of a {@link DecisionTreeClassifier}. */
export interface DecisionTreeClassifierJson {
  model: typeof MODEL_NAME;
  options: ResolvedOptions;
  nFeatures: number | null;
  tree: ReturnType<TreeStructure["toJSON"]> | null;
}

/** Resolves classifier tree options for data with `nFeatures` columns. */
export function treeGrowthParams(
  options: {
    criterion: ClassificationCriterion;
    maxDepth: number | null;
    minSamplesSplit: number;
    minSamplesLeaf: number;
    maxFeatures: MaxFeatures;
  },
  nFeatures: number,
): TreeGrowthParams {
  return {
    criterion: criterionCode(options.criterion),
    maxDepth: resolveMaxDepth(options.maxDepth),
    minSamplesSplit: options.minSamplesSplit,
    minSamplesLeaf: options.minSamplesLeaf,
    maxFeatures: resolveMaxFeatures(options.maxFeatures, nFeatures),
  };
}
