import { LogisticRegression } from "./logistic-regression";
import { takeLabels, takeRows } from "./matrix";
import { stratifiedKFold } from "./split";
import type { BinaryClassifier, Labels, Matrix } from "./types";
import {
  assertBothClasses,
  assertInRange,
  assertLabels,
  assertMatrix,
  assertSampleWeight,
} from "./validate";

/** Restores a member model from its JSON. */
export type ModelReviver = (json: unknown) => BinaryClassifier;

/**
 * Mean of several probability vectors, summed in member order then
 * divided, as numpy's `column_stack(...).mean(axis=1)` does for a few
 * columns.
 * @throws RangeError for no vectors or vectors of different lengths.
 */
export function averageProbabilities(
  probabilities: Float64Array[],
): Float64Array {
  if (probabilities.length === 0) {
    throw new RangeError(
      "averageProbabilities needs at least one probability vector.",
    );
  }
  const rows = probabilities[0].length;
  const out = new Float64Array(rows);
  for (const member of probabilities) {
    if (member.length !== rows) {
      throw new RangeError(
        `probability vectors differ in length (${member.length} and ${rows}).`,
      );
    }
    for (let i = 0; i < rows; i++) out[i] += member[i];
  }
  for (let i = 0; i < rows; i++) out[i] /= probabilities.length;
  return out;
}

function checkFit(x: Matrix, y: Labels, sampleWeight?: Float64Array): void {
  assertMatrix(x);
  assertLabels(y, x.rows);
  assertBothClasses(y);
  assertSampleWeight(sampleWeight, x.rows);
}

/**
 * Soft-voting ensemble: the probability of class 1 is the mean of the
 * members' probabilities, and `predict` returns 1 where that mean is ≥ 0.5.
 */
export class AveragingEnsemble implements BinaryClassifier {
  readonly members: BinaryClassifier[];

  /** @throws RangeError for an empty member list. */
  constructor(members: BinaryClassifier[]) {
    if (members.length === 0) {
      throw new RangeError("AveragingEnsemble needs at least one member.");
    }
    this.members = members;
  }

  /** Fits every member on the same data. */
  fit(x: Matrix, y: Labels, sampleWeight?: Float64Array): this {
    checkFit(x, y, sampleWeight);
    for (const member of this.members) member.fit(x, y, sampleWeight);
    return this;
  }

  /** Mean of the members' probabilities of class 1. */
  predictProba(x: Matrix): Float64Array {
    return averageProbabilities(
      this.members.map((member) => member.predictProba(x)),
    );
  }

  /** 1 where the mean probability is ≥ 0.5. */
  predict(x: Matrix): Labels {
    return Uint8Array.from(this.predictProba(x), (p) => (p >= 0.5 ? 1 : 0));
  }

  /** Serialises the members. */
  toJSON(): { model: "AveragingEnsemble"; members: unknown[] } {
    return {
      model: "AveragingEnsemble",
      members: this.members.map((m) => m.toJSON()),
    };
  }

  /**
   * Restores an ensemble; `revive` rebuilds each member from its JSON.
   * @throws TypeError if the JSON is not an AveragingEnsemble.
   */
  static fromJSON(json: unknown, revive: ModelReviver): AveragingEnsemble {
    const value = json as { model?: unknown; members?: unknown } | null;
    if (
      value === null ||
      typeof value !== "object" ||
      value.model !== "AveragingEnsemble" ||
      !Array.isArray(value.members)
    ) {
      throw new TypeError(
        'JSON is not an AveragingEnsemble; expected model "AveragingEnsemble" with members.',
      );
    }
    return new AveragingEnsemble(value.members.map(revive));
  }
}

/** Options of {@link StackingClassifier}. */
export interface StackingOptions {
  /** Factories of the base models; each fold and the final fit get new ones. */
  estimators: Array<() => BinaryClassifier>;
  /** Folds for the out-of-fold predictions, default 5. */
  nSplits?: number;
  /** Seed of the fold assignment, default 42. */
  randomState?: number;
  /** Factory of the meta-model, default LogisticRegression(). */
  finalEstimator?: () => BinaryClassifier;
}

/**
 * Stacking classifier. The base models' out-of-fold probabilities
 * (stratified k-fold) are the features of a logistic meta-model. The base
 * models are then refitted on all rows for prediction. This is
 * scikit-learn's `StackingClassifier` with stack_method "predict_proba"
 * and no passthrough, except that the folds are shuffled with a seed.
 */
export class StackingClassifier implements BinaryClassifier {
  readonly nSplits: number;
  readonly randomState: number;
  private readonly estimators: Array<() => BinaryClassifier>;
  private readonly finalEstimator: () => BinaryClassifier;
  members: BinaryClassifier[] = [];
  meta: BinaryClassifier | null = null;

  /**
   * @throws RangeError for no estimators, nSplits not an integer in
   * [2, 100] or randomState outside [0, 2^32 − 1].
   */
  constructor(options: StackingOptions) {
    if (!Array.isArray(options.estimators) || options.estimators.length === 0) {
      throw new RangeError(
        "StackingClassifier needs at least one estimator factory.",
      );
    }
    this.estimators = options.estimators;
    this.nSplits = options.nSplits ?? 5;
    this.randomState = options.randomState ?? 42;
    this.finalEstimator =
      options.finalEstimator ?? (() => new LogisticRegression());
    assertInRange("nSplits", this.nSplits, 2, 100, { integer: true });
    assertInRange("randomState", this.randomState, 0, 0xffffffff, {
      integer: true,
    });
  }

  /**
   * Fits the base models per fold, the meta-model on their out-of-fold
   * probabilities, then the base models on all rows.
   * @throws RangeError for bad input or a class with fewer rows than 2.
   */
  fit(x: Matrix, y: Labels, sampleWeight?: Float64Array): this {
    checkFit(x, y, sampleWeight);
    const folds = stratifiedKFold(y, {
      nSplits: this.nSplits,
      randomState: this.randomState,
    });
    const nMembers = this.estimators.length;
    const outOfFold = new Float64Array(x.rows * nMembers);

    for (let fold = 0; fold < this.nSplits; fold++) {
      const trainRows: number[] = [];
      const heldOutRows: number[] = [];
      for (let i = 0; i < x.rows; i++)
        (folds[i] === fold ? heldOutRows : trainRows).push(i);
      if (heldOutRows.length === 0) continue;
      const xFold = takeRows(x, trainRows);
      const yFold = takeLabels(y, trainRows);
      const weightFold = sampleWeight
        ? Float64Array.from(trainRows, (i) => sampleWeight[i])
        : undefined;
      const xHeldOut = takeRows(x, heldOutRows);
      for (let m = 0; m < nMembers; m++) {
        const probabilities = this.estimators[m]()
          .fit(xFold, yFold, weightFold)
          .predictProba(xHeldOut);
        for (let k = 0; k < heldOutRows.length; k++) {
          outOfFold[heldOutRows[k] * nMembers + m] = probabilities[k];
        }
      }
    }

    this.meta = this.finalEstimator().fit(
      { rows: x.rows, cols: nMembers, data: outOfFold },
      y,
      sampleWeight,
    );
    this.members = this.estimators.map((factory) =>
      factory().fit(x, y, sampleWeight),
    );
    return this;
  }

  private metaFeatures(x: Matrix): Matrix {
    if (this.meta === null) {
      throw new TypeError(
        "StackingClassifier is not fitted; call fit() first.",
      );
    }
    const nMembers = this.members.length;
    const data = new Float64Array(x.rows * nMembers);
    this.members.forEach((member, m) => {
      const probabilities = member.predictProba(x);
      for (let i = 0; i < x.rows; i++)
        data[i * nMembers + m] = probabilities[i];
    });
    return { rows: x.rows, cols: nMembers, data };
  }

  /** Meta-model probability of class 1 from the members' probabilities. */
  predictProba(x: Matrix): Float64Array {
    const features = this.metaFeatures(x);
    return (this.meta as BinaryClassifier).predictProba(features);
  }

  /** Serialises the fitted members and meta-model. */
  toJSON(): {
    model: "StackingClassifier";
    nSplits: number;
    randomState: number;
    members: unknown[];
    meta: unknown;
  } {
    return {
      model: "StackingClassifier",
      nSplits: this.nSplits,
      randomState: this.randomState,
      members: this.members.map((m) => m.toJSON()),
      meta: this.meta === null ? null : this.meta.toJSON(),
    };
  }

  /**
   * Restores a fitted stack for prediction; `revive` rebuilds the members
   * and the meta-model. The restored stack cannot be refitted, because
   * factories are not serialised.
   * @throws TypeError if the JSON is not a fitted StackingClassifier.
   */
  static fromJSON(json: unknown, revive: ModelReviver): StackingClassifier {
    const value = json as {
      model?: unknown;
      nSplits?: number;
      randomState?: number;
      members?: unknown;
      meta?: unknown;
    } | null;
    if (
      value === null ||
      typeof value !== "object" ||
      value.model !== "StackingClassifier" ||
      !Array.isArray(value.members) ||
      value.members.length === 0 ||
      value.meta == null
    ) {
      throw new TypeError(
        'JSON is not a fitted StackingClassifier; expected model "StackingClassifier" with members and meta.',
      );
    }
    const members = value.members.map(revive);
    const notRefittable = (): BinaryClassifier => {
      throw new TypeError(
        "a StackingClassifier restored from JSON cannot be refitted.",
      );
    };
    const stack = new StackingClassifier({
      estimators: members.map(() => notRefittable),
      nSplits: value.nSplits,
      randomState: value.randomState,
    });
    stack.members = members;
    stack.meta = revive(value.meta);
    return stack;
  }
}
