import { describe, expect, it } from "vitest";

import { generateCtr } from "@/lib/ml/datasets";
import { logGamma, RandomState } from "@/lib/ml/random";

import { loadReferenceCtr } from "./fixtures";

const INTEGER_COLUMNS = [3, 4, 5];
const FLOAT_COLUMNS = [0, 1, 2];

describe("RandomState", () => {
  it("CTR recipe reproduces numpy's table", () => {
    const reference = loadReferenceCtr();
    const generated = generateCtr({ rows: 10_000, seed: 42 });

    expect(generated.x.rows).toBe(reference.x.rows);
    expect(generated.featureNames).toEqual(reference.featureNames);

    const cols = reference.x.cols;
    let integerMismatches = 0;
    let maxRelative = 0;
    for (let i = 0; i < reference.x.rows; i++) {
      for (const j of INTEGER_COLUMNS) {
        if (generated.x.data[i * cols + j] !== reference.x.data[i * cols + j]) {
          integerMismatches++;
        }
      }
      for (const j of FLOAT_COLUMNS) {
        const expected = reference.x.data[i * cols + j];
        const actual = generated.x.data[i * cols + j];
        const relative = Math.abs(actual - expected) / Math.abs(expected);
        maxRelative = Math.max(maxRelative, relative);
      }
    }
    expect(integerMismatches).toBe(0);
    expect(maxRelative).toBeLessThanOrEqual(1e-12);
    expect(Array.from(generated.y)).toEqual(Array.from(reference.y));
  });

  it("same seed gives the same stream", () => {
    const a = new RandomState(7);
    const b = new RandomState(7);
    for (let i = 0; i < 1000; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it("state snapshot resumes the stream", () => {
    const original = new RandomState(3);
    original.normal();
    original.random(700);
    original.normal(); // leaves a cached Gaussian
    const copy = RandomState.fromState(original.getState());
    for (let i = 0; i < 5; i++) {
      expect(copy.standardNormal()).toBe(original.standardNormal());
    }
    expect(copy.randomSample()).toBe(original.randomSample());
  });

  it("randomInteger stays within bounds", () => {
    const random = new RandomState(11);
    for (const max of [1, 2, 5, 1023, 1024, 2 ** 31, 2 ** 32 - 2, 2 ** 40]) {
      for (let k = 0; k < 200; k++) {
        const value = random.randomInteger(max);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(max);
        expect(Number.isInteger(value)).toBe(true);
      }
    }
  });

  it("permutation contains every index once", () => {
    const permutation = new RandomState(5).permutation(1000);
    const sorted = Array.from(permutation).sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("distribution means match theory", () => {
    const random = new RandomState(2024);
    const n = 200_000;
    const mean = (draw: () => number) => {
      let total = 0;
      for (let i = 0; i < n; i++) total += draw();
      return total / n;
    };
    expect(mean(() => random.beta(2, 5))).toBeCloseTo(2 / 7, 2);
    expect(mean(() => random.beta(0.5, 0.5))).toBeCloseTo(0.5, 2);
    expect(mean(() => random.standardGamma(0.5))).toBeCloseTo(0.5, 2);
    expect(mean(() => random.standardGamma(3))).toBeCloseTo(3, 1);
    expect(mean(() => random.poisson(3.5))).toBeCloseTo(3.5, 1);
    expect(mean(() => random.poisson(40))).toBeCloseTo(40, 0);
    expect(mean(() => random.exponential(2))).toBeCloseTo(2, 1);
    expect(mean(() => random.normal(1, 3))).toBeCloseTo(1, 1);
  });

  it("logGamma matches log factorials", () => {
    let logFactorial = 0;
    for (let k = 1; k <= 30; k++) {
      logFactorial += Math.log(k);
      expect(Math.abs(logGamma(k + 1) - logFactorial)).toBeLessThan(1e-10);
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it("choice with p follows the weights", () => {
    const draws = new RandomState(1).choice(3, 60_000, { p: [0.2, 0.5, 0.3] });
    const counts = [0, 0, 0];
    for (const index of draws) counts[index]++;
    expect(counts[0] / 60_000).toBeCloseTo(0.2, 2);
    expect(counts[1] / 60_000).toBeCloseTo(0.5, 2);
  });

  it("choice without replacement is distinct", () => {
    const random = new RandomState(9);
    const plain = random.choice(50, 20, { replace: false });
    expect(new Set(plain).size).toBe(20);
    const weights = Array.from({ length: 50 }, (_, i) => (i + 1) / 1275);
    const weighted = random.choice(50, 30, { replace: false, p: weights });
    expect(new Set(weighted).size).toBe(30);
  });

  it("rejects bad parameters", () => {
    expect(() => new RandomState(-1)).toThrow(RangeError);
    expect(() => new RandomState(2 ** 32)).toThrow(RangeError);
    expect(() => new RandomState(1.5)).toThrow(/seed/);
    const random = new RandomState(0);
    expect(() => random.beta(0, 1)).toThrow(RangeError);
    expect(() => random.poisson(-1)).toThrow(RangeError);
    expect(() => random.poisson(Number.NaN)).toThrow(RangeError);
    expect(() => random.normal(0, -1)).toThrow(RangeError);
    expect(() => random.randint(5, 5)).toThrow(RangeError);
    expect(() => random.choice(2, 3, { p: [0.5, 0.6] })).toThrow(/sum to 1/);
    expect(() => random.choice(2, 3, { replace: false })).toThrow(RangeError);
    expect(() => random.permutation(-1)).toThrow(RangeError);
  });
});
