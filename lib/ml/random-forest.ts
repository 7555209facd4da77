import { treeGrowthParams } from "./decision-tree";
import { RandomState } from "./random";
import { growTree } from "./tree/builder";
import {
  labelsAsTarget,
  predictClassProbability,
  unitWeights,
} from "./tree/classification";
import {
  checkClassificationCriterion,
  type ClassificationCriterion,
} from "./tree/criterion";
import { notFittedError, readModelEnvelope } from "./tree/model-json";
import {
  checkInteger,
  checkRandomState,
  checkTreeShapeOptions,
  createRandomState,
  type MaxFeatures,
} from "./tree/params";
import { presortFeatures } from "./tree/presort";
import { PresortedSplitter } from "./tree/presorted-splitter";
import { RAND_R_MAX } from "./tree/rand-r";
import { TreeStructure, type TreeStructureJson } from "./tree/tree-structure";
import { checkFeatureMatrix, checkFitInput } from "./tree/validation";
import type { BinaryClassifier, Labels, Matrix } from "./types";

const MODEL_NAME = "RandomForestClassifier";

/** Largest int32, the exclusive bound of the per-tree seeds scikit-learn draws. */
const MAX_INT32 = 2147483647;

/** Options of {@link RandomForestClassifier}; names follow scikit-learn's. */
export interface RandomForestClassifierOptions {
  /** Number of trees. Default 100. */
  nEstimators?: number;
  /** Impurity each tree minimises; "log_loss" is the same as "entropy". Default "gini". */
  criterion?: ClassificationCriterion;
  /** Maximum depth of each tree, or null for no limit. Default null. */
  maxDepth?: number | null;
  /** Minimum number of rows a node needs to be split. Default 2. */
  minSamplesSplit?: number;
  /** Minimum number of rows in each child of a split. Default 1. */
  minSamplesLeaf?: number;
  /** Features drawn per split. Default "sqrt". */
  maxFeatures?: MaxFeatures;
  /** Fit each tree on a bootstrap sample (true) or on all rows. Default true. */
  bootstrap?: boolean;
  /**
   * Bootstrap sample size: null for the row count, an integer ≥ 1, or a
   * fraction in (0, 1) of the rows (rounded, at least 1). Default null.
   */
  maxSamples?: number | null;
  /** Seed of the forest, or null for a fresh seed per fit. Default null. */
  randomState?: number | null;
}

type ResolvedOptions = Required<RandomForestClassifierOptions>;

/**
 * Random forest classifier matching scikit-learn 1.2.1's
 * `RandomForestClassifier`. The forest's `RandomState` draws one int32 seed
 * per tree, and each seed drives that tree's bootstrap counts (used as
 * sample weights) and its feature draws. `predictProba` averages the
 * trees' leaf class fractions. With the same randomState the trees equal
 * scikit-learn's.
 *
 * Not supported: classWeight, oobScore, warmStart, maxLeafNodes,
 * minWeightFractionLeaf, minImpurityDecrease and ccpAlpha.
 */
export class RandomForestClassifier implements BinaryClassifier {
  readonly options: Readonly<ResolvedOptions>;
  private trees: TreeStructure[] | null = null;

  /**
   * @throws RangeError for nEstimators < 1, an invalid tree option (see
   * DecisionTreeClassifier), an invalid maxSamples or randomState.
   */
  constructor(options: RandomForestClassifierOptions = {}) {
    const resolved: ResolvedOptions = {
      nEstimators: options.nEstimators ?? 100,
      criterion: checkClassificationCriterion(options.criterion ?? "gini"),
      maxDepth: options.maxDepth ?? null,
      minSamplesSplit: options.minSamplesSplit ?? 2,
      minSamplesLeaf: options.minSamplesLeaf ?? 1,
      maxFeatures:
        options.maxFeatures === undefined ? "sqrt" : options.maxFeatures,
      bootstrap: options.bootstrap ?? true,
      maxSamples: options.maxSamples ?? null,
      randomState: checkRandomState(options.randomState ?? null),
    };
    checkInteger("nEstimators", resolved.nEstimators, 1);
    checkTreeShapeOptions(resolved);
    checkMaxSamples(resolved.maxSamples);
    this.options = Object.freeze(resolved);
  }

  /**
   * Fits nEstimators trees on x and labels y.
   * @throws TypeError or RangeError for bad input, as
   * DecisionTreeClassifier.fit does, or an integer maxSamples above the
   * row count.
   */
  fit(x: Matrix, y: Labels, sampleWeight?: Float64Array): this {
    checkFitInput(x, y, sampleWeight);
    const { nEstimators, bootstrap } = this.options;
    const params = treeGrowthParams(this.options, x.cols);
    const nBootstrap = bootstrapSize(this.options.maxSamples, x.rows);
    const baseWeight = sampleWeight ?? unitWeights(x.rows);
    const target = labelsAsTarget(y);
    const splitter = new PresortedSplitter(presortFeatures(x));

    const forestRandom = createRandomState(this.options.randomState);
    const seeds = new Float64Array(nEstimators);
    for (let t = 0; t < nEstimators; t++)
      seeds[t] = forestRandom.randint(0, MAX_INT32);

    const counts = new Float64Array(x.rows);
    const weight = new Float64Array(x.rows);
    const trees: TreeStructure[] = [];
    for (let t = 0; t < nEstimators; t++) {
      let treeWeight = baseWeight;
      if (bootstrap) {
        // scikit-learn seeds the bootstrap draw and the tree's splitter
        // with fresh RandomState objects built from the same seed.
        countBootstrap(new RandomState(seeds[t]), x.rows, nBootstrap, counts);
        for (let i = 0; i < x.rows; i++) weight[i] = baseWeight[i] * counts[i];
        treeWeight = weight;
      }
      const splitterSeed = new RandomState(seeds[t]).randint(0, RAND_R_MAX);
      trees.push(growTree(splitter, params, target, treeWeight, splitterSeed));
    }
    this.trees = trees;
    return this;
  }

  /**
   * Mean over trees of each tree's leaf probability of class 1.
   * @throws Error before fit; RangeError for a bad matrix or the wrong
   * number of features.
   */
  predictProba(x: Matrix): Float64Array {
    return this.averageProbability(x, 1);
  }

  /**
   * Class with the larger mean probability, class 0 on a tie.
   * @throws like {@link RandomForestClassifier.predictProba}.
   */
  predict(x: Matrix): Labels {
    const one = this.averageProbability(x, 1);
    const zero = this.averageProbability(x, 0);
    return Uint8Array.from(one, (probability, i) =>
      probability > zero[i] ? 1 : 0,
    );
  }

  /**
   * Mean of the trees' normalised importances, renormalised to sum 1;
   * trees that are a single leaf are left out, as in scikit-learn.
   */
  get featureImportances(): Float64Array {
    const trees = this.fittedTrees();
    const nFeatures = trees[0].nFeatures;
    const mean = new Float64Array(nFeatures);
    let used = 0;
    for (const tree of trees) {
      if (tree.nodeCount <= 1) continue;
      const importances = tree.featureImportances(true);
      for (let f = 0; f < nFeatures; f++) mean[f] += importances[f];
      used += 1;
    }
    if (used === 0) return mean;
    let total = 0;
    for (let f = 0; f < nFeatures; f++) {
      mean[f] /= used;
      total += mean[f];
    }
    for (let f = 0; f < nFeatures; f++) mean[f] /= total;
    return mean;
  }

  /** Fitted trees in fitting order. @throws Error before fit. */
  get estimators(): readonly TreeStructure[] {
    return this.fittedTrees();
  }

  get isFitted(): boolean {
    return this.trees !== null;
  }

  toJSON(): RandomForestClassifierJson {
    return {
      model: MODEL_NAME,
      options: { ...this.options },
      nFeatures: this.trees?.[0].nFeatures ?? null,
      trees: this.trees?.map((tree) => tree.toJSON()) ?? null,
    };
  }

  /**
   * Restores a model from {@link RandomForestClassifier.toJSON} output.
   * @throws TypeError for JSON of another shape; RangeError for invalid options.
   */
  static fromJSON(json: unknown): RandomForestClassifier {
    const { options, body } = readModelEnvelope(json, MODEL_NAME);
    const model = new RandomForestClassifier(
      options as RandomForestClassifierOptions,
    );
    if (body.trees !== null) {
      if (
        !Array.isArray(body.trees) ||
        body.trees.length !== model.options.nEstimators
      ) {
        throw new TypeError(
          `${MODEL_NAME} JSON must have ${model.options.nEstimators} trees.`,
        );
      }
      model.trees = body.trees.map((tree) => TreeStructure.fromJSON(tree));
    }
    return model;
  }

  private averageProbability(x: Matrix, label: number): Float64Array {
    const trees = this.fittedTrees();
    checkFeatureMatrix(x, trees[0].nFeatures);
    const out = new Float64Array(x.rows);
    for (const tree of trees)
      predictClassProbability(tree, x, label, out, true);
    for (let i = 0; i < x.rows; i++) out[i] /= trees.length;
    return out;
  }

  private fittedTrees(): TreeStructure[] {
    if (this.trees === null) throw notFittedError(MODEL_NAME);
    return this.trees;
  }
}

/** JSON form of a {@link RandomForestClassifier}. */
export interface RandomForestClassifierJson {
  model: typeof MODEL_NAME;
  options: ResolvedOptions;
  nFeatures: number | null;
  trees: TreeStructureJson[] | null;
}

function checkMaxSamples(maxSamples: number | null): void {
  if (maxSamples === null) return;
  const valid =
    typeof maxSamples === "number" &&
    ((Number.isInteger(maxSamples) && maxSamples >= 1) ||
      (maxSamples > 0 && maxSamples < 1));
  if (!valid) {
    throw new RangeError(
      `maxSamples must be null, an integer ≥ 1 or a fraction in (0, 1), got ${maxSamples}.`,
    );
  }
}

/** Bootstrap size as scikit-learn's `_get_n_samples_bootstrap`. */
function bootstrapSize(maxSamples: number | null, nRows: number): number {
  if (maxSamples === null) return nRows;
  if (Number.isInteger(maxSamples)) {
    if (maxSamples > nRows) {
      throw new RangeError(
        `maxSamples is ${maxSamples} but x has ${nRows} rows; use a value in [1, ${nRows}].`,
      );
    }
    return maxSamples;
  }
  // Python's round() rounds halves to even.
  return Math.max(roundHalfEven(nRows * maxSamples), 1);
}

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Counts how often each of nRows rows is drawn in nDraws uniform draws,
 * like `np.bincount(random.randint(0, nRows, nDraws))`: numpy's masked
 * rejection on 32-bit words, with the mask computed once.
 */
function countBootstrap(
  random: RandomState,
  nRows: number,
  nDraws: number,
  counts: Float64Array,
): void {
  const max = nRows - 1;
  let mask = 0;
  while (mask < max) mask = mask * 2 + 1;
  counts.fill(0);
  for (let k = 0; k < nDraws; k++) {
    let row = 0;
    if (max > 0) {
      do {
        row = (random.nextUint32() & mask) >>> 0;
      } while (row > max);
    }
    counts[row] += 1;
  }
}
