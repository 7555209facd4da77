import { describe, expect, it } from "vitest";

import { parseCsvDataset } from "@/lib/ml/csv";
import { generateCtr, generateFraud } from "@/lib/ml/datasets";
import { LogisticRegression } from "@/lib/ml/logistic-regression";
import { concatRows, createMatrix, takeRows } from "@/lib/ml/matrix";
import { rocAucScore } from "@/lib/ml/metrics";

describe("generateFraud", () => {
  it("has the requested positive count", () => {
    const data = generateFraud({ rows: 10_000, seed: 1, positiveRate: 0.001 });
    let positives = 0;
    for (const label of data.y) positives += label;
    expect(positives).toBe(10);
    expect(data.x.cols).toBe(data.featureNames.length);
  });

  it("keeps at least one fraud", () => {
    const data = generateFraud({ rows: 100, seed: 2, positiveRate: 0.001 });
    let positives = 0;
    for (const label of data.y) positives += label;
    expect(positives).toBe(1);
  });

  it("carries signal a model can find", () => {
    const train = generateFraud({ rows: 20_000, seed: 3, positiveRate: 0.02 });
    const test = generateFraud({ rows: 20_000, seed: 4, positiveRate: 0.02 });
    const model = new LogisticRegression({
      classWeight: "balanced",
      maxIter: 200,
    }).fit(train.x, train.y);
    const auc = rocAucScore(test.y, model.predictProba(test.x));
    expect(auc).toBeGreaterThan(0.85);
    expect(auc).toBeLessThan(0.999);
  });

  it("is reproducible for a seed", () => {
    const a = generateFraud({ rows: 500, seed: 9 });
    const b = generateFraud({ rows: 500, seed: 9 });
    expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data));
  });

  it("rejects bad options", () => {
    expect(() => generateFraud({ rows: 1, seed: 0 })).toThrow(/rows/);
    expect(() =>
      generateFraud({ rows: 100, seed: 0, positiveRate: 0 }),
    ).toThrow(/positiveRate/);
    expect(() => generateFraud({ rows: 100, seed: -1 })).toThrow(/seed/);
  });
});

describe("generateCtr options", () => {
  it("keep rate scales the click rate", () => {
    const rate = (keep: number) => {
      const data = generateCtr({ rows: 20_000, seed: 5, clickKeepRate: keep });
      let positives = 0;
      for (const label of data.y) positives += label;
      return positives / data.y.length;
    };
    expect(rate(1)).toBeGreaterThan(rate(0.15) * 4);
    expect(rate(0)).toBe(0);
  });

  it("rejects bad options", () => {
    expect(() => generateCtr({ rows: 0, seed: 42 })).toThrow(/rows/);
    expect(() => generateCtr({ rows: 10, seed: 42, clickKeepRate: 2 })).toThrow(
      /clickKeepRate/,
    );
  });
});

describe("parseCsvDataset", () => {
  it("parses features and labels", () => {
    const data = parseCsvDataset('a,"b ""x""",label\n1,2.5,1\n\n3,-4e2,0\n');
    expect(data.featureNames).toEqual(["a", 'b "x"']);
    expect(Array.from(data.x.data)).toEqual([1, 2.5, 3, -400]);
    expect(Array.from(data.y)).toEqual([1, 0]);
  });

  it("takes a named label column", () => {
    const data = parseCsvDataset("y,a\ntrue,1\nfalse,2\n", {
      labelColumn: "y",
    });
    expect(data.featureNames).toEqual(["a"]);
    expect(Array.from(data.y)).toEqual([1, 0]);
  });

  it("rejects malformed input", () => {
    expect(() => parseCsvDataset("")).toThrow(/no data rows/);
    expect(() => parseCsvDataset("a,y\n1,1\n2\n")).toThrow(
      /line 3 has 1 fields/,
    );
    expect(() => parseCsvDataset("a,y\nx,1\n")).toThrow(
      /"x" is not a finite number/,
    );
    expect(() => parseCsvDataset("a,y\nNaN,1\n")).toThrow(/finite/);
    expect(() => parseCsvDataset("a,y\n1,2\n")).toThrow(/not 0 or 1/);
    expect(() => parseCsvDataset("a,y\n1,1\n", { labelColumn: "z" })).toThrow(
      /not found/,
    );
  });
});

describe("matrix helpers", () => {
  it("createMatrix checks its shape", () => {
    expect(createMatrix(2, 3).data).toHaveLength(6);
    expect(() => createMatrix(-1, 2)).toThrow(/rows/);
    expect(() => createMatrix(2, 1.5)).toThrow(/cols/);
    expect(() => createMatrix(2, 2, new Float64Array(3))).toThrow(/entries/);
  });

  it("takeRows rejects bad indices", () => {
    const x = createMatrix(2, 1, new Float64Array([1, 2]));
    expect(Array.from(takeRows(x, [1, 1, 0]).data)).toEqual([2, 2, 1]);
    expect(() => takeRows(x, [2])).toThrow(/row index/);
  });

  it("concatRows checks columns", () => {
    expect(() => concatRows([createMatrix(1, 2), createMatrix(1, 3)])).toThrow(
      /column/,
    );
  });
});
