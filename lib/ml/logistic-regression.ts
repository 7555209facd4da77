import { type ClassWeight, effectiveSampleWeight } from "./class-weight";
import { solveSymmetricPositiveDefinite } from "./linear-algebra";
import { minimizeLbfgs } from "./optimize";
import type { BinaryClassifier, Labels, Matrix } from "./types";
import {
  assertBothClasses,
  assertInRange,
  assertLabels,
  assertMatrix,
  assertSampleWeight,
} from "./validate";

/** Options of {@link LogisticRegression}, named as in scikit-learn. */
export interface LogisticRegressionOptions {
  /** Inverse L2 strength: the objective is ½‖w‖² + C·Σ weight·loss. */
  C?: number;
  fitIntercept?: boolean;
  classWeight?: ClassWeight;
  /** Maximum Newton (or L-BFGS for focal loss) iterations. */
  maxIter?: number;
  /** Stop when the Newton decrement falls below tol·max(1, |objective|). */
  tol?: number;
  /**
   * Focal-loss focusing parameter γ (Lin et al., "Focal Loss for Dense
   * Object Detection", 2017): loss −(1 − p_t)^γ·log p_t. 0 is log loss.
   */
  focalGamma?: number;
}

/** JSON form of a fitted {@link LogisticRegression}. */
export interface LogisticRegressionJson {
  model: "LogisticRegression";
  options: Required<Omit<LogisticRegressionOptions, "classWeight">> & {
    classWeight: ClassWeight | null;
  };
  /** Null before fitting. */
  coefficients: number[] | null;
  intercept: number;
  nIter: number;
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Binary logistic regression with an L2 penalty on the coefficients (not
 * on the intercept), optional sample and class weights, fitted to the
 * optimum of scikit-learn's objective ½‖w‖² + C·Σ s_i·logloss_i by
 * Newton's method with a backtracking line search. With focalGamma > 0 it
 * minimises the focal loss instead, by L-BFGS started from the log-loss
 * optimum.
 *
 * Reference: scikit-learn 1.2.1 `LogisticRegression(penalty="l2")`; its
 * lbfgs solver reaches the same optimum on well-conditioned problems.
 */
export class LogisticRegression implements BinaryClassifier {
  readonly C: number;
  readonly fitIntercept: boolean;
  readonly classWeight: ClassWeight | undefined;
  readonly maxIter: number;
  readonly tol: number;
  readonly focalGamma: number;

  coefficients: Float64Array | null = null;
  intercept = 0;
  nIter = 0;

  /**
   * @throws RangeError if C is not in (0, 1e12], maxIter not an integer in
   * [1, 100000], tol not in (0, 1) or focalGamma not in [0, 10].
   */
  constructor(options: LogisticRegressionOptions = {}) {
    this.C = options.C ?? 1;
    this.fitIntercept = options.fitIntercept ?? true;
    this.classWeight = options.classWeight;
    this.maxIter = options.maxIter ?? 100;
    this.tol = options.tol ?? 1e-14;
    this.focalGamma = options.focalGamma ?? 0;
    assertInRange("C", this.C, 0, 1e12, { minExclusive: true });
    assertInRange("maxIter", this.maxIter, 1, 100_000, { integer: true });
    assertInRange("tol", this.tol, 0, 1, {
      minExclusive: true,
      maxExclusive: true,
    });
    assertInRange("focalGamma", this.focalGamma, 0, 10);
  }

  /**
   * Fits the model.
   * @throws RangeError or TypeError for empty, non-finite or mismatched
   * input, labels with one class, or bad weights.
   */
  fit(x: Matrix, y: Labels, sampleWeight?: Float64Array): this {
    assertMatrix(x);
    assertLabels(y, x.rows);
    assertBothClasses(y);
    assertSampleWeight(sampleWeight, x.rows);
    const weights = effectiveSampleWeight(y, sampleWeight, this.classWeight);

    const parameters = this.fitNewton(x, y, weights);
    if (this.focalGamma > 0) {
      this.fitFocal(x, y, weights, parameters);
    } else {
      this.store(parameters, x.cols);
    }
    return this;
  }

  private store(parameters: Float64Array, cols: number): void {
    this.coefficients = parameters.slice(0, cols);
    this.intercept = this.fitIntercept ? parameters[cols] : 0;
  }

  /** Log-loss objective; writes the gradient and, if asked, the Hessian. */
  private logLossObjective(
    x: Matrix,
    y: Labels,
    weights: Float64Array,
    parameters: Float64Array,
    gradient: Float64Array,
    hessian: Float64Array | null,
  ): number {
    const { rows, cols, data } = x;
    const size = parameters.length;
    const inverseC = 1 / this.C;
    gradient.fill(0);
    if (hessian) hessian.fill(0);
    const intercept = this.fitIntercept ? parameters[cols] : 0;
    let loss = 0;

    for (let i = 0; i < rows; i++) {
      const offset = i * cols;
      let z = intercept;
      for (let j = 0; j < cols; j++) z += parameters[j] * data[offset + j];
      const weight = weights[i];
      if (weight === 0) continue;
      loss += weight * (softplus(z) - y[i] * z);
      const p = sigmoid(z);
      const residual = weight * (p - y[i]);
      for (let j = 0; j < cols; j++) gradient[j] += residual * data[offset + j];
      if (this.fitIntercept) gradient[cols] += residual;
      if (!hessian) continue;

      const curvature = weight * p * (1 - p);
      for (let j = 0; j < cols; j++) {
        const scaled = curvature * data[offset + j];
        for (let k = 0; k <= j; k++)
          hessian[j * size + k] += scaled * data[offset + k];
        if (this.fitIntercept) hessian[cols * size + j] += scaled;
      }
      if (this.fitIntercept) hessian[cols * size + cols] += curvature;
    }

    let penalty = 0;
    for (let j = 0; j < cols; j++) {
      penalty += parameters[j] * parameters[j];
      gradient[j] += inverseC * parameters[j];
      if (hessian) hessian[j * size + j] += inverseC;
    }
    if (hessian) {
      for (let j = 0; j < size; j++) {
        for (let k = j + 1; k < size; k++)
          hessian[j * size + k] = hessian[k * size + j];
      }
    }
    // Divided by C so the scale matches the loss sum for any C.
    return loss + 0.5 * inverseC * penalty;
  }

  private fitNewton(x: Matrix, y: Labels, weights: Float64Array): Float64Array {
    const size = x.cols + (this.fitIntercept ? 1 : 0);
    let parameters = new Float64Array(size);
    const gradient = new Float64Array(size);
    const hessian = new Float64Array(size * size);
    const trialGradient = new Float64Array(size);
    let value = this.logLossObjective(
      x,
      y,
      weights,
      parameters,
      gradient,
      hessian,
    );

    this.nIter = 0;
    for (let iteration = 1; iteration <= this.maxIter; iteration++) {
      this.nIter = iteration;
      const negativeGradient = Float64Array.from(gradient, (g) => -g);
      const step = solveWithJitter(hessian, negativeGradient, size);
      let decrement = 0;
      for (let j = 0; j < size; j++) decrement -= gradient[j] * step[j];
      if (!(decrement > 2 * this.tol * Math.max(1, Math.abs(value)))) break;

      let stepSize = 1;
      let trial = parameters;
      let trialValue = value;
      for (let attempt = 0; attempt < 60; attempt++) {
        trial = Float64Array.from(parameters, (p, j) => p + stepSize * step[j]);
        trialValue = this.logLossObjective(
          x,
          y,
          weights,
          trial,
          trialGradient,
          null,
        );
        if (trialValue <= value - 1e-4 * stepSize * decrement) break;
        stepSize *= 0.5;
      }
      if (!(trialValue <= value)) break;
      parameters = trial;
      value = this.logLossObjective(
        x,
        y,
        weights,
        parameters,
        gradient,
        hessian,
      );
    }
    return parameters;
  }

  private fitFocal(
    x: Matrix,
    y: Labels,
    weights: Float64Array,
    start: Float64Array,
  ): void {
    const { rows, cols, data } = x;
    const gamma = this.focalGamma;
    const inverseC = 1 / this.C;
    const fitIntercept = this.fitIntercept;

    const objective = (
      parameters: Float64Array,
      gradient: Float64Array,
    ): number => {
      gradient.fill(0);
      const intercept = fitIntercept ? parameters[cols] : 0;
      let loss = 0;
      for (let i = 0; i < rows; i++) {
        const weight = weights[i];
        if (weight === 0) continue;
        const offset = i * cols;
        let z = intercept;
        for (let j = 0; j < cols; j++) z += parameters[j] * data[offset + j];
        const p = sigmoid(z);
        let value: number;
        let slope: number;
        if (y[i] === 1) {
          const negativeLog = softplus(-z);
          const modulator = Math.pow(1 - p, gamma);
          value = modulator * negativeLog;
          slope = -gamma * p * modulator * negativeLog - modulator * (1 - p);
        } else {
          const negativeLog = softplus(z);
          const modulator = Math.pow(p, gamma);
          value = modulator * negativeLog;
          slope = modulator * p + gamma * (1 - p) * modulator * negativeLog;
        }
        loss += weight * value;
        const scaled = weight * slope;
        for (let j = 0; j < cols; j++) gradient[j] += scaled * data[offset + j];
        if (fitIntercept) gradient[cols] += scaled;
      }
      let penalty = 0;
      for (let j = 0; j < cols; j++) {
        penalty += parameters[j] * parameters[j];
        gradient[j] += inverseC * parameters[j];
      }
      return loss + 0.5 * inverseC * penalty;
    };

    const result = minimizeLbfgs(objective, start, {
      maxIter: this.maxIter * 10,
      gradientTolerance: 1e-9 * Math.max(1, rows),
    });
    this.nIter += result.iterations;
    this.store(result.x, cols);
  }

  private requireFitted(x: Matrix): Float64Array {
    if (this.coefficients === null) {
      throw new TypeError(
        "LogisticRegression is not fitted; call fit() first.",
      );
    }
    assertMatrix(x, "x", true);
    if (x.cols !== this.coefficients.length) {
      throw new RangeError(
        `x has ${x.cols} columns but the model was fitted on ${this.coefficients.length}.`,
      );
    }
    return this.coefficients;
  }

  /** Linear score b + w·x per row (scikit-learn's `decision_function`). */
  decisionFunction(x: Matrix): Float64Array {
    const coefficients = this.requireFitted(x);
    const { rows, cols, data } = x;
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let z = this.intercept;
      const offset = i * cols;
      for (let j = 0; j < cols; j++) z += coefficients[j] * data[offset + j];
      out[i] = z;
    }
    return out;
  }

  /** Probability of class 1 per row: the logistic of the decision score. */
  predictProba(x: Matrix): Float64Array {
    const scores = this.decisionFunction(x);
    for (let i = 0; i < scores.length; i++) scores[i] = sigmoid(scores[i]);
    return scores;
  }

  /** Class 1 where the decision score is > 0, as scikit-learn predicts. */
  predict(x: Matrix): Labels {
    const scores = this.decisionFunction(x);
    return Uint8Array.from(scores, (z) => (z > 0 ? 1 : 0));
  }

  /** Serialises the options and, once fitted, the parameters. */
  toJSON(): LogisticRegressionJson {
    return {
      model: "LogisticRegression",
      options: {
        C: this.C,
        fitIntercept: this.fitIntercept,
        classWeight: this.classWeight ?? null,
        maxIter: this.maxIter,
        tol: this.tol,
        focalGamma: this.focalGamma,
      },
      coefficients:
        this.coefficients === null ? null : Array.from(this.coefficients),
      intercept: this.intercept,
      nIter: this.nIter,
    };
  }

  /**
   * Restores a model from {@link LogisticRegression.toJSON}.
   * @throws TypeError if the JSON is not a LogisticRegression.
   * @throws RangeError if an option or parameter is out of range.
   */
  static fromJSON(json: unknown): LogisticRegression {
    const value = json as Partial<LogisticRegressionJson> | null;
    if (
      value === null ||
      typeof value !== "object" ||
      value.model !== "LogisticRegression" ||
      typeof value.options !== "object" ||
      value.options === null ||
      !(value.coefficients === null || Array.isArray(value.coefficients)) ||
      typeof value.intercept !== "number"
    ) {
      throw new TypeError(
        'JSON is not a LogisticRegression; expected model "LogisticRegression" with options, coefficients and intercept.',
      );
    }
    const { classWeight, ...options } = value.options;
    const model = new LogisticRegression({
      ...options,
      classWeight: classWeight ?? undefined,
    });
    if (value.coefficients === null) return model;
    for (const coefficient of [...value.coefficients, value.intercept]) {
      if (!Number.isFinite(coefficient)) {
        throw new RangeError(
          `JSON parameter ${coefficient} is not a finite number.`,
        );
      }
    }
    model.coefficients = Float64Array.from(value.coefficients);
    model.intercept = value.intercept;
    model.nIter = typeof value.nIter === "number" ? value.nIter : 0;
    return model;
  }
}

/**
 * Cholesky solve; if the Hessian is singular to working precision (e.g.
 * all probabilities saturated), retries with a small ridge on the diagonal.
 */
function solveWithJitter(
  hessian: Float64Array,
  rightHandSide: Float64Array,
  size: number,
): Float64Array {
  try {
    return solveSymmetricPositiveDefinite(hessian, rightHandSide, size);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    let trace = 0;
    for (let j = 0; j < size; j++) trace += hessian[j * size + j];
    const ridged = Float64Array.from(hessian);
    const jitter = Math.max(1e-12, (1e-10 * trace) / size);
    for (let j = 0; j < size; j++) ridged[j * size + j] += jitter;
    return solveSymmetricPositiveDefinite(ridged, rightHandSide, size);
  }
}
