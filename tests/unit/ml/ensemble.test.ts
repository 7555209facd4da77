import { describe, expect, it } from "vitest";

import { generateFraud } from "@/lib/ml/datasets";
import {
  AveragingEnsemble,
  averageProbabilities,
  StackingClassifier,
} from "@/lib/ml/ensemble";
import { LogisticRegression } from "@/lib/ml/logistic-regression";
import { rocAucScore } from "@/lib/ml/metrics";
import { stratifiedKFold } from "@/lib/ml/split";
import type { BinaryClassifier } from "@/lib/ml/types";

const data = generateFraud({ rows: 4000, seed: 3, positiveRate: 0.05 });
const revive = (json: unknown): BinaryClassifier =>
  LogisticRegression.fromJSON(json);

describe("AveragingEnsemble", () => {
  it("averages member probabilities", () => {
    const members = [
      new LogisticRegression({ C: 0.01 }),
      new LogisticRegression({ C: 1 }),
      new LogisticRegression({ classWeight: "balanced" }),
    ];
    const ensemble = new AveragingEnsemble(members).fit(data.x, data.y);
    const mean = ensemble.predictProba(data.x);
    const parts = members.map((m) => m.predictProba(data.x));
    for (let i = 0; i < data.x.rows; i += 97) {
      expect(mean[i]).toBeCloseTo(
        (parts[0][i] + parts[1][i] + parts[2][i]) / 3,
        15,
      );
    }
    const predictions = ensemble.predict(data.x);
    for (let i = 0; i < data.x.rows; i++)
      expect(predictions[i]).toBe(mean[i] >= 0.5 ? 1 : 0);
  });

  it("averages exact binary fractions exactly", () => {
    const mean = averageProbabilities([
      new Float64Array([0.25, 0.5]),
      new Float64Array([0.75, 0.25]),
    ]);
    expect(Array.from(mean)).toEqual([0.5, 0.375]);
  });

  it("round-trips through JSON", () => {
    const ensemble = new AveragingEnsemble([
      new LogisticRegression(),
      new LogisticRegression({ C: 0.1 }),
    ]).fit(data.x, data.y);
    const restored = AveragingEnsemble.fromJSON(
      JSON.parse(JSON.stringify(ensemble.toJSON())),
      revive,
    );
    expect(Array.from(restored.predictProba(data.x))).toEqual(
      Array.from(ensemble.predictProba(data.x)),
    );
  });

  it("rejects bad input", () => {
    expect(() => new AveragingEnsemble([])).toThrow(RangeError);
    expect(() =>
      averageProbabilities([new Float64Array(2), new Float64Array(3)]),
    ).toThrow(/length/);
    expect(() =>
      AveragingEnsemble.fromJSON({ model: "Other" }, revive),
    ).toThrow(TypeError);
  });
});

describe("StackingClassifier", () => {
  const factories = [
    () => new LogisticRegression({ C: 0.001 }),
    () => new LogisticRegression({ classWeight: "balanced" }),
  ];

  it("ranks at least as well as its weakest member", () => {
    const stack = new StackingClassifier({
      estimators: factories,
      randomState: 1,
    }).fit(data.x, data.y);
    const stackAuc = rocAucScore(data.y, stack.predictProba(data.x));
    const memberAucs = factories.map((f) =>
      rocAucScore(data.y, f().fit(data.x, data.y).predictProba(data.x)),
    );
    expect(stackAuc).toBeGreaterThanOrEqual(Math.min(...memberAucs) - 1e-3);
    expect(stack.members).toHaveLength(2);
  });

  it("is reproducible for a seed", () => {
    const a = new StackingClassifier({
      estimators: factories,
      randomState: 5,
    }).fit(data.x, data.y);
    const b = new StackingClassifier({
      estimators: factories,
      randomState: 5,
    }).fit(data.x, data.y);
    expect(Array.from(a.predictProba(data.x))).toEqual(
      Array.from(b.predictProba(data.x)),
    );
  });

  it("round-trips through JSON", () => {
    const stack = new StackingClassifier({ estimators: factories }).fit(
      data.x,
      data.y,
    );
    const restored = StackingClassifier.fromJSON(
      JSON.parse(JSON.stringify(stack.toJSON())),
      revive,
    );
    expect(Array.from(restored.predictProba(data.x))).toEqual(
      Array.from(stack.predictProba(data.x)),
    );
    expect(() => restored.fit(data.x, data.y)).toThrow(/cannot be refitted/);
  });

  it("rejects bad options", () => {
    expect(() => new StackingClassifier({ estimators: [] })).toThrow(
      RangeError,
    );
    expect(
      () => new StackingClassifier({ estimators: factories, nSplits: 1 }),
    ).toThrow(/nSplits/);
    expect(() =>
      new StackingClassifier({ estimators: factories }).predictProba(data.x),
    ).toThrow(/not fitted/);
  });
});

describe("stratifiedKFold", () => {
  it("balances folds and classes", () => {
    const folds = stratifiedKFold(data.y, { nSplits: 5, randomState: 0 });
    const sizes = [0, 0, 0, 0, 0];
    const positives = [0, 0, 0, 0, 0];
    for (let i = 0; i < folds.length; i++) {
      sizes[folds[i]]++;
      positives[folds[i]] += data.y[i];
    }
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.max(...positives) - Math.min(...positives)).toBeLessThanOrEqual(
      1,
    );
  });

  it("rejects a lone class member", () => {
    expect(() =>
      stratifiedKFold([0, 0, 0, 1], { nSplits: 2, randomState: 0 }),
    ).toThrow(/only 1 row/);
    expect(() =>
      stratifiedKFold([0, 1], { nSplits: 3, randomState: 0 }),
    ).toThrow(/nSplits/);
  });
});
