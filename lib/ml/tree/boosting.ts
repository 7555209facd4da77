import type { RandomState } from "../random";
import type { Matrix } from "../types";
import {
  binomialDeviance,
  expit,
  priorLogOdds,
  randomSampleMask,
} from "./binomial-deviance";
import {
  TREE_LEAF,
  TreeStructure,
  type TreeStructureJson,
} from "./tree-structure";

/** Below this |Σ w·p·(1 − p)| a leaf gets value 0 instead of a Newton step. */
const MIN_NEWTON_DENOMINATOR = 1e-150;

/** Rounds, shrinkage and row subsampling of a boosting run. */
export interface BoostingSettings {
  nEstimators: number;
  learningRate: number;
  /** Share of rows drawn without replacement per round, in (0, 1]. */
  subsample: number;
}

/** State of a fitted boosting run. */
export interface FittedBoosting {
  nFeatures: number;
  initRawPrediction: number;
  trees: TreeStructure[];
  trainScore: Float64Array;
  oobImprovement: Float64Array | null;
}

/** JSON fields of a fitted boosting run, null before fitting. */
export interface FittedBoostingJson {
  initRawPrediction: number | null;
  trees: TreeStructureJson[] | null;
  trainScore: number[] | null;
  oobImprovement: number[] | null;
}

/**
 * Grows one round's regression tree on the residuals with the given row
 * weights (0 for rows left out). It fills `leafOfRow` with the leaf of every
 * row with non-zero weight and −1 elsewhere.
 */
export type RoundTreeGrower = (
  residual: Float64Array,
  weight: Float64Array,
  leafOfRow: Int32Array,
) => TreeStructure;

/**
 * Runs binary log-loss boosting as scikit-learn 1.2.1's
 * `GradientBoostingClassifier._fit_stages` does: start from the prior
 * log-odds; in each round draw the in-bag rows when subsample < 1, grow a
 * tree on the residuals y − p, set each leaf to one Newton step and add
 * learningRate × leaf value to every row's raw score. The grower draws
 * any seed it needs from `random` after the row draw, as scikit-learn does.
 *
 * @param columns float32 feature columns of the training rows, used to
 * route rows that the tree left out.
 */
export function fitBoosting(
  target: Float64Array,
  weight: Float64Array,
  columns: Float32Array,
  nFeatures: number,
  settings: BoostingSettings,
  random: RandomState,
  growRound: RoundTreeGrower,
): FittedBoosting {
  const { nEstimators, learningRate, subsample } = settings;
  const n = target.length;
  const initRawPrediction = priorLogOdds(target, weight);
  const raw = new Float64Array(n).fill(initRawPrediction);
  const residual = new Float64Array(n);
  const leafOfRow = new Int32Array(n);
  const useSubsample = subsample < 1;
  const nInBag = Math.max(1, Math.floor(subsample * n));
  const inBag = new Uint8Array(n).fill(1);
  const outOfBag = new Uint8Array(n);
  const treeWeight = useSubsample ? new Float64Array(n) : weight;
  const trees: TreeStructure[] = [];
  const trainScore = new Float64Array(nEstimators);
  const oobImprovement = useSubsample ? new Float64Array(nEstimators) : null;

  for (let i = 0; i < n; i++) residual[i] = target[i] - expit(raw[i]);
  const scores = new Float64Array(2);

  for (let round = 0; round < nEstimators; round++) {
    let oldOobScore = 0;
    if (useSubsample) {
      randomSampleMask(n, nInBag, random, inBag);
      for (let i = 0; i < n; i++) {
        outOfBag[i] = 1 - inBag[i];
        treeWeight[i] = weight[i] * inBag[i];
      }
      oldOobScore = binomialDeviance(target, raw, weight, outOfBag);
    }

    const tree = growRound(residual, treeWeight, leafOfRow);
    // Rows left out of the tree (zero weight or out of bag) still need
    // their leaf for the raw-score update.
    for (let i = 0; i < n; i++) {
      if (leafOfRow[i] < 0) leafOfRow[i] = tree.leafOfColumnRow(columns, n, i);
    }
    setNewtonLeafValues(tree, leafOfRow, inBag, target, residual, weight);
    trees.push(tree);

    updateRawScores(
      tree,
      leafOfRow,
      learningRate,
      target,
      weight,
      inBag,
      raw,
      residual,
      scores,
    );
    trainScore[round] = scores[0];
    if (oobImprovement !== null)
      oobImprovement[round] = oldOobScore - scores[1];
  }

  return { nFeatures, initRawPrediction, trees, trainScore, oobImprovement };
}

/**
 * Replaces each leaf value by one Newton step of the binomial deviance over
 * the in-bag rows of the leaf: Σ w·r / Σ w·(y − r)·(1 − y + r), with
 * r = y − p the residual (scikit-learn's `_update_terminal_region`).
 */
function setNewtonLeafValues(
  tree: TreeStructure,
  leafOfRow: Int32Array,
  inBag: Uint8Array,
  target: Float64Array,
  residual: Float64Array,
  weight: Float64Array,
): void {
  const numerator = new Float64Array(tree.nodeCount);
  const denominator = new Float64Array(tree.nodeCount);
  for (let i = 0; i < leafOfRow.length; i++) {
    if (inBag[i] === 0) continue;
    const leaf = leafOfRow[i];
    const y = target[i];
    const r = residual[i];
    numerator[leaf] += weight[i] * r;
    denominator[leaf] += weight[i] * (y - r) * (1 - y + r);
  }
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.childrenLeft[node] !== TREE_LEAF) continue;
    tree.value[node] =
      Math.abs(denominator[node]) < MIN_NEWTON_DENOMINATOR
        ? 0
        : numerator[node] / denominator[node];
  }
}

/**
 * Adds learningRate × leaf value to every row's raw score and sets the next
 * round's residuals y − expit(raw). In the same pass, with one exponential
 * per row, it writes the binomial deviance of the in-bag rows to scores[0]
 * and of the other rows to scores[1].
 */
function updateRawScores(
  tree: TreeStructure,
  leafOfRow: Int32Array,
  learningRate: number,
  target: Float64Array,
  weight: Float64Array,
  inBag: Uint8Array,
  raw: Float64Array,
  residual: Float64Array,
  scores: Float64Array,
): void {
  const value = tree.value;
  let inBagWeight = 0;
  let inBagTotal = 0;
  let outOfBagWeight = 0;
  let outOfBagTotal = 0;
  for (let i = 0; i < raw.length; i++) {
    const score = raw[i] + learningRate * value[leafOfRow[i]];
    raw[i] = score;
    const decay = Math.exp(-score);
    const probability = 1 / (1 + decay);
    residual[i] = target[i] - probability;
    // log(1 + e^score), as numpy's logaddexp(0, score) up to rounding.
    const softplus =
      score < 0 ? -Math.log1p(-probability) : score + Math.log1p(decay);
    const term = weight[i] * (target[i] * score - softplus);
    if (inBag[i] === 1) {
      inBagWeight += weight[i];
      inBagTotal += term;
    } else {
      outOfBagWeight += weight[i];
      outOfBagTotal += term;
    }
  }
  scores[0] = inBagWeight === 0 ? 0 : (-2 / inBagWeight) * inBagTotal;
  scores[1] = outOfBagWeight === 0 ? 0 : (-2 / outOfBagWeight) * outOfBagTotal;
}

/** Adds learningRate × the tree's leaf value to each row's raw score. */
export function addStage(
  tree: TreeStructure,
  learningRate: number,
  x: Matrix,
  raw: Float64Array,
): void {
  for (let i = 0; i < x.rows; i++) {
    raw[i] += learningRate * tree.value[tree.leafOfRow(x.data, i * x.cols)];
  }
}

/**
 * Mean over trees (single-leaf trees left out) of each tree's squared-error
 * decrease per feature, normalised to sum 1, as scikit-learn computes a
 * boosting model's `feature_importances_`.
 */
export function boostingFeatureImportances(
  fitted: FittedBoosting,
): Float64Array {
  const { trees, nFeatures } = fitted;
  const mean = new Float64Array(nFeatures);
  let used = 0;
  for (const tree of trees) {
    if (tree.nodeCount <= 1) continue;
    const importances = tree.featureImportances(false);
    for (let f = 0; f < nFeatures; f++) mean[f] += importances[f];
    used += 1;
  }
  if (used === 0) return mean;
  let total = 0;
  for (let f = 0; f < nFeatures; f++) {
    mean[f] /= used;
    total += mean[f];
  }
  if (total > 0) for (let f = 0; f < nFeatures; f++) mean[f] /= total;
  return mean;
}

/** JSON fields of a fitted run, or nulls. */
export function fittedBoostingToJSON(
  fitted: FittedBoosting | null,
): FittedBoostingJson {
  return {
    initRawPrediction: fitted?.initRawPrediction ?? null,
    trees: fitted?.trees.map((tree) => tree.toJSON()) ?? null,
    trainScore: fitted ? Array.from(fitted.trainScore) : null,
    oobImprovement: fitted?.oobImprovement
      ? Array.from(fitted.oobImprovement)
      : null,
  };
}

/**
 * Rebuilds a fitted run from {@link fittedBoostingToJSON} fields, or
 * returns null when the JSON has no trees (an unfitted model).
 * @throws TypeError if fields are missing or their lengths disagree with
 * nEstimators.
 */
export function fittedBoostingFromJSON(
  body: Record<string, unknown>,
  nFeatures: number | null,
  nEstimators: number,
  modelName: string,
): FittedBoosting | null {
  if (body.trees === null) return null;
  const trainScore = body.trainScore;
  if (
    nFeatures === null ||
    typeof body.initRawPrediction !== "number" ||
    !Array.isArray(body.trees) ||
    body.trees.length !== nEstimators ||
    !Array.isArray(trainScore) ||
    trainScore.length !== nEstimators
  ) {
    throw new TypeError(
      `${modelName} JSON needs nFeatures, initRawPrediction, and ` +
        `${nEstimators} trees and train scores.`,
    );
  }
  const oob = body.oobImprovement;
  return {
    nFeatures,
    initRawPrediction: body.initRawPrediction,
    trees: body.trees.map((tree) => TreeStructure.fromJSON(tree)),
    trainScore: Float64Array.from(trainScore as number[]),
    oobImprovement: Array.isArray(oob)
      ? Float64Array.from(oob as number[])
      : null,
  };
}
