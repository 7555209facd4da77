import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  accuracyScore,
  averagePrecisionScore,
  brierScoreLoss,
  calibrationCurve,
  classificationScores,
  confusionMatrix,
  f1Score,
  logLoss,
  precisionRecallCurve,
  precisionScore,
  recallScore,
  rocAucScore,
  rocCurve,
} from "@/lib/ml/metrics";
import { quantile } from "@/lib/ml/statistics";

import { readFixture } from "./fixtures";

/** Agreement with scikit-learn on the same predictions. */
const TOLERANCE = 1e-9;

interface MetricCase {
  y: number[];
  scores: number[];
  pred?: number[];
  accuracy?: number;
  precision?: number;
  recall?: number;
  f1?: number;
  roc_auc: number;
  average_precision: number;
  log_loss?: number;
  brier?: number;
  roc_curve?: {
    fpr: number[];
    tpr: number[];
    thresholds: number[];
    fpr_all_points: number[];
    tpr_all_points: number[];
  };
  pr_curve?: { precision: number[]; recall: number[]; thresholds: number[] };
  calibration?: Record<string, { prob_true: number[]; prob_pred: number[] }>;
  quantiles?: Record<string, number>;
}

const cases: MetricCase[] = JSON.parse(readFixture("metric_cases.json")).cases;

function expectArrayClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  let maxDifference = 0;
  for (let i = 0; i < expected.length; i++) {
    maxDifference = Math.max(maxDifference, Math.abs(actual[i] - expected[i]));
  }
  expect(maxDifference).toBeLessThanOrEqual(TOLERANCE);
}

describe.each(cases.map((c, i) => [i, c] as const))(
  "scikit-learn case %i",
  (_, c) => {
    const y = Uint8Array.from(c.y);

    it("ranking metrics", () => {
      expect(
        Math.abs(rocAucScore(y, c.scores) - c.roc_auc),
      ).toBeLessThanOrEqual(TOLERANCE);
      expect(
        Math.abs(averagePrecisionScore(y, c.scores) - c.average_precision),
      ).toBeLessThanOrEqual(TOLERANCE);
    });

    it.runIf(c.pred !== undefined)("threshold metrics", () => {
      const pred = Uint8Array.from(c.pred ?? []);
      expect(
        Math.abs(accuracyScore(y, pred) - (c.accuracy ?? NaN)),
      ).toBeLessThanOrEqual(TOLERANCE);
      expect(
        Math.abs(precisionScore(y, pred) - (c.precision ?? NaN)),
      ).toBeLessThanOrEqual(TOLERANCE);
      expect(
        Math.abs(recallScore(y, pred) - (c.recall ?? NaN)),
      ).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(f1Score(y, pred) - (c.f1 ?? NaN))).toBeLessThanOrEqual(
        TOLERANCE,
      );
      expect(
        Math.abs(logLoss(y, c.scores) - (c.log_loss ?? NaN)),
      ).toBeLessThanOrEqual(TOLERANCE);
      expect(
        Math.abs(brierScoreLoss(y, c.scores) - (c.brier ?? NaN)),
      ).toBeLessThanOrEqual(TOLERANCE);
    });

    it.runIf(c.roc_curve !== undefined)("curves", () => {
      const roc = rocCurve(y, c.scores);
      expectArrayClose(roc.falsePositiveRate, c.roc_curve!.fpr);
      expectArrayClose(roc.truePositiveRate, c.roc_curve!.tpr);
      expectArrayClose(roc.thresholds, c.roc_curve!.thresholds);
      const full = rocCurve(y, c.scores, false);
      expectArrayClose(full.falsePositiveRate, c.roc_curve!.fpr_all_points);
      expectArrayClose(full.truePositiveRate, c.roc_curve!.tpr_all_points);
      const pr = precisionRecallCurve(y, c.scores);
      expectArrayClose(pr.precision, c.pr_curve!.precision);
      expectArrayClose(pr.recall, c.pr_curve!.recall);
      expectArrayClose(pr.thresholds, c.pr_curve!.thresholds);
    });

    it.runIf(c.calibration !== undefined)("calibration bins", () => {
      for (const [key, expected] of Object.entries(c.calibration!)) {
        const [strategy, bins] = key.split("_");
        const result = calibrationCurve(y, c.scores, {
          nBins: Number(bins),
          strategy: strategy as "uniform" | "quantile",
        });
        expectArrayClose(
          result.map((bin) => bin.fractionPositive),
          expected.prob_true,
        );
        expectArrayClose(
          result.map((bin) => bin.meanPredicted),
          expected.prob_pred,
        );
      }
    });

    it.runIf(c.quantiles !== undefined)("numpy quantiles", () => {
      for (const [q, expected] of Object.entries(c.quantiles!)) {
        expect(quantile(c.scores, Number(q))).toBe(expected);
      }
    });
  },
);

const labelledScores = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 20 })),
    {
      minLength: 2,
      maxLength: 60,
    },
  )
  .filter(
    (rows) => rows.some((r) => r[0] === 1) && rows.some((r) => r[0] === 0),
  );

describe("ROC-AUC properties", () => {
  it("perfect ranking gives 1", () => {
    fc.assert(
      fc.property(labelledScores, (rows) => {
        const y = Uint8Array.from(rows, (r) => r[0]);
        const scores = rows.map((r) => r[0] * 100 + r[1]);
        // Trapezoid sums of fractions can land an ulp below 1, in scikit-learn too.
        expect(rocAucScore(y, scores)).toBeCloseTo(1, 12);
      }),
    );
  });

  it("reversed ranking gives 0", () => {
    fc.assert(
      fc.property(labelledScores, (rows) => {
        const y = Uint8Array.from(rows, (r) => r[0]);
        const scores = rows.map((r) => -(r[0] * 100 + r[1]));
        expect(rocAucScore(y, scores)).toBeCloseTo(0, 12);
      }),
    );
  });

  it("row order does not matter", () => {
    fc.assert(
      fc.property(labelledScores, fc.integer(), (rows, seed) => {
        const y = Uint8Array.from(rows, (r) => r[0]);
        const scores = rows.map((r) => r[1]);
        const order = rows.map((_, i) => i);
        let state = seed >>> 0;
        for (let i = order.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          const j = state % (i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        const shuffledY = Uint8Array.from(order, (i) => y[i]);
        const shuffledScores = order.map((i) => scores[i]);
        expect(rocAucScore(shuffledY, shuffledScores)).toBeCloseTo(
          rocAucScore(y, scores),
          12,
        );
      }),
    );
  });

  it("equals the pairwise probability with half ties", () => {
    fc.assert(
      fc.property(labelledScores, (rows) => {
        const y = Uint8Array.from(rows, (r) => r[0]);
        const scores = rows.map((r) => r[1]);
        let wins = 0;
        let pairs = 0;
        for (let i = 0; i < rows.length; i++) {
          for (let j = 0; j < rows.length; j++) {
            if (y[i] !== 1 || y[j] !== 0) continue;
            pairs++;
            if (scores[i] > scores[j]) wins += 1;
            else if (scores[i] === scores[j]) wins += 0.5;
          }
        }
        expect(rocAucScore(y, scores)).toBeCloseTo(wins / pairs, 12);
      }),
    );
  });
});

describe("metric edge cases", () => {
  const y = new Uint8Array([0, 1, 0, 1]);

  it("zero division gives 0", () => {
    const none = new Uint8Array(4);
    expect(precisionScore(y, none)).toBe(0);
    expect(f1Score(y, none)).toBe(0);
    expect(recallScore(new Uint8Array(4), none)).toBe(0);
  });

  it("confusion matrix counts", () => {
    const counts = confusionMatrix(y, new Uint8Array([1, 1, 0, 0]));
    expect(counts).toEqual({
      trueNegatives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      truePositives: 1,
    });
  });

  it("constant scores give AUC 0.5", () => {
    const scores = classificationScores(y, new Uint8Array(4), [0, 0, 0, 0]);
    expect(scores.roc_auc).toBe(0.5);
  });

  it("rejects bad input", () => {
    expect(() => rocAucScore(new Uint8Array([1, 1]), [0.2, 0.3])).toThrow(
      /one class/,
    );
    expect(() => rocAucScore(y, [0.1, Number.NaN, 0.3, 0.4])).toThrow(
      RangeError,
    );
    expect(() => rocAucScore(y, [0.1, 0.2])).toThrow(/4 labels/);
    expect(() => accuracyScore(new Uint8Array(0), new Uint8Array(0))).toThrow(
      /empty/,
    );
    expect(() => logLoss(y, [0.1, 1.2, 0.3, 0.4])).toThrow(/\[0, 1\]/);
    expect(() =>
      averagePrecisionScore(new Uint8Array(3), [0.1, 0.2, 0.3]),
    ).toThrow(/no positive/);
    expect(() =>
      calibrationCurve(y, [0.1, 0.2, 0.3, 0.4], { nBins: 0 }),
    ).toThrow(/nBins/);
    expect(() => confusionMatrix(y, new Uint8Array([2, 0, 0, 0]))).toThrow(
      /0 or 1/,
    );
  });
});
