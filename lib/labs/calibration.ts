import { LogisticRegression } from "../ml/logistic-regression";
import {
  brierScoreLoss,
  calibrationCurve,
  logLoss,
  type CalibrationBin,
} from "../ml/metrics";
import type { Labels } from "../ml/types";

/** Calibration of one set of probabilities against labels. */
export type CalibrationSummary = {
  /** Non-empty reliability bins over [0, 1], equal width. */
  bins: CalibrationBin[];
  brier: number;
  logLoss: number;
  /**
   * Expected calibration error: Σ (bin count / n) × |mean predicted −
   * fraction positive| over the bins.
   */
  expectedCalibrationError: number;
  meanPredicted: number;
  observedRate: number;
};

/** Summarizes how well probabilities match outcome rates. */
export function summarizeCalibration(
  y: Labels,
  probabilities: Float64Array,
  nBins: number,
): CalibrationSummary {
  const bins = calibrationCurve(y, probabilities, {
    nBins,
    strategy: "uniform",
  });
  let error = 0;
  for (const bin of bins) {
    error +=
      (bin.count / y.length) *
      Math.abs(bin.meanPredicted - bin.fractionPositive);
  }
  let predicted = 0;
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    predicted += probabilities[i];
    positives += y[i];
  }
  return {
    // Edges come from i · (1 / nBins); rounding drops float noise such as
    // 0.30000000000000004 that a chart would print.
    bins: bins.map((bin) => ({
      ...bin,
      lower: Number(bin.lower.toFixed(10)),
      upper: Number(bin.upper.toFixed(10)),
    })),
    brier: brierScoreLoss(y, probabilities),
    logLoss: logLoss(y, probabilities),
    expectedCalibrationError: error,
    meanPredicted: predicted / y.length,
    observedRate: positives / y.length,
  };
}

function logit(p: number): number {
  const clipped = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return Math.log(clipped / (1 - clipped));
}

/**
 * Platt scaling (J. Platt, 1999): fits p' = σ(a·logit(p) + b) on held-out
 * labels, the sigmoid method of scikit-learn's CalibratedClassifierCV, and
 * returns the mapping. The fit is a one-feature logistic regression with
 * a negligible L2 penalty (C = 1e6); Platt's smoothed targets are not
 * used.
 *
 * @throws {RangeError} when the held-out labels have a single class.
 */
export function fitPlattScaling(
  yHeldOut: Labels,
  probabilitiesHeldOut: Float64Array,
): {
  slope: number;
  intercept: number;
  apply(probabilities: Float64Array): Float64Array;
} {
  const feature = Float64Array.from(probabilitiesHeldOut, logit);
  const model = new LogisticRegression({ C: 1e6, maxIter: 1000 }).fit(
    { rows: feature.length, cols: 1, data: feature },
    yHeldOut,
  );
  return {
    slope: model.coefficients![0],
    intercept: model.intercept,
    apply(probabilities) {
      const data = Float64Array.from(probabilities, logit);
      return model.predictProba({ rows: data.length, cols: 1, data });
    },
  };
}
