import { dot } from "./linear-algebra";

/**
 * Objective for a minimiser: returns f(x) and writes ∇f(x) into gradient.
 */
export type ObjectiveWithGradient = (
  x: Float64Array,
  gradient: Float64Array,
) => number;

/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Maximum iterations, default 500. */
  maxIter?: number;
  /** Correction pairs kept, default 10. */
  memory?: number;
  /** Stop when max |∇f| ≤ this, default 1e-8. */
  gradientTolerance?: number;
  /** Stop when the relative decrease of f falls below this, default 1e-14. */
  functionTolerance?: number;
}

/** Result of {@link minimizeLbfgs}. */
export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++)
    max = Math.max(max, Math.abs(values[i]));
  return max;
}

/**
 * Minimises a smooth function by limited-memory BFGS (Nocedal and Wright,
 * "Numerical Optimization", 2006, algorithm 7.4) with a backtracking
 * Armijo line search. Pairs with non-positive curvature are skipped, so it
 * also runs on non-convex objectives such as the focal loss.
 */
export function minimizeLbfgs(
  objective: ObjectiveWithGradient,
  start: Float64Array,
  options: LbfgsOptions = {},
): MinimizeResult {
  const maxIter = options.maxIter ?? 500;
  const memory = options.memory ?? 10;
  const gradientTolerance = options.gradientTolerance ?? 1e-8;
  const functionTolerance = options.functionTolerance ?? 1e-14;
  const n = start.length;

  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const alphas = new Float64Array(memory);

  for (let iteration = 1; iteration <= maxIter; iteration++) {
    if (maxAbs(gradient) <= gradientTolerance) {
      return { x, value, iterations: iteration - 1, converged: true };
    }

    // Two-loop recursion: direction = −H·∇f.
    const direction = Float64Array.from(gradient, (g) => -g);
    for (let k = steps.length - 1; k >= 0; k--) {
      alphas[k] = rhos[k] * dot(steps[k], direction);
      for (let i = 0; i < n; i++) direction[i] -= alphas[k] * changes[k][i];
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const scale =
        dot(steps[last], changes[last]) / dot(changes[last], changes[last]);
      for (let i = 0; i < n; i++) direction[i] *= scale;
    } else {
      const scale = 1 / Math.max(1, maxAbs(gradient));
      for (let i = 0; i < n; i++) direction[i] *= scale;
    }
    for (let k = 0; k < steps.length; k++) {
      const beta = rhos[k] * dot(changes[k], direction);
      for (let i = 0; i < n; i++)
        direction[i] += (alphas[k] - beta) * steps[k][i];
    }

    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      rhos.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
      slope = dot(gradient, direction);
    }

    let stepSize = 1;
    const candidate = new Float64Array(n);
    const candidateGradient = new Float64Array(n);
    let candidateValue = Number.POSITIVE_INFINITY;
    for (let trial = 0; trial < 60; trial++) {
      for (let i = 0; i < n; i++) candidate[i] = x[i] + stepSize * direction[i];
      candidateValue = objective(candidate, candidateGradient);
      if (candidateValue <= value + 1e-4 * stepSize * slope) break;
      stepSize *= 0.5;
    }
    if (!(candidateValue <= value)) {
      return { x, value, iterations: iteration, converged: false };
    }

    const step = new Float64Array(n);
    const change = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      step[i] = candidate[i] - x[i];
      change[i] = candidateGradient[i] - gradient[i];
    }
    const curvature = dot(step, change);
    if (curvature > 1e-12 * dot(change, change)) {
      if (steps.length === memory) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
      steps.push(step);
      changes.push(change);
      rhos.push(1 / curvature);
    }

    const decrease = value - candidateValue;
    x = Float64Array.from(candidate);
    gradient = Float64Array.from(candidateGradient);
    const previous = value;
    value = candidateValue;
    if (decrease <= functionTolerance * Math.max(1, Math.abs(previous))) {
      return { x, value, iterations: iteration, converged: true };
    }
  }
  return {
    x,
    value,
    iterations: maxIter,
    converged: maxAbs(gradient) <= gradientTolerance,
  };
}
