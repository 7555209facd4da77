import { describe, expect, it } from "vitest";

import { LabParamsError, UnknownLabError } from "../../../lib/labs/errors";
import {
  canonicalJson,
  computeParamsHash,
} from "../../../lib/labs/params-hash";
import {
  getLabDefinition,
  labDefinitions,
  labSlugs,
  parseLabParams,
} from "../../../lib/labs/registry";
import {
  applyLabRule,
  labRules,
  readResultMetric,
} from "../../../lib/labs/rules";

describe("lab registry", () => {
  it("lists the six labs in drill order", () => {
    expect(labSlugs).toEqual([
      "ctr-baseline-vs-lr",
      "model-progression",
      "class-imbalance",
      "label-noise",
      "distributed-training",
      "development-checklist",
    ]);
  });

  it("gives every lab defaults its schema accepts", () => {
    for (const definition of labDefinitions.values()) {
      expect(definition.paramsSchema.parse({}), definition.slug).toEqual(
        definition.defaults,
      );
      expect(
        Object.keys(definition.rules).length,
        definition.slug,
      ).toBeGreaterThan(0);
    }
  });

  it("collects every rule under a unique name", () => {
    const names = [...labDefinitions.values()].flatMap((d) =>
      Object.keys(d.rules),
    );
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(labRules).sort()).toEqual([...names].sort());
  });

  it("rejects an unknown lab with the known slugs", () => {
    expect(() => getLabDefinition("ctr")).toThrow(UnknownLabError);
    expect(() => getLabDefinition("ctr")).toThrow(
      /use one of: ctr-baseline-vs-lr, model-progression/,
    );
  });

  it("reports every invalid parameter by name", () => {
    let error: unknown;
    try {
      parseLabParams("model-progression", { rows: 10, maxDepth: 0, extra: 1 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LabParamsError);
    const { fieldErrors, message } = error as LabParamsError;
    expect(fieldErrors?.rows).toEqual([
      "rows must be between 1,000 and 100,000",
    ]);
    expect(fieldErrors?.maxDepth).toEqual(["maxDepth must be between 1 and 8"]);
    expect(Object.keys(fieldErrors ?? {})).toHaveLength(3);
    expect(message).toMatch(
      /^Invalid parameters for lab "model-progression": rows must be/,
    );
  });

  it("treats missing parameters as defaults", () => {
    expect(parseLabParams("ctr-baseline-vs-lr", undefined)).toEqual({
      rows: 10_000,
      seed: 42,
    });
  });
});

describe("params hash", () => {
  it("ignores key order at every level", () => {
    expect(
      canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } }),
    ).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });

  it("rejects values JSON cannot represent", () => {
    expect(() => canonicalJson({ rows: Number.NaN })).toThrow(
      "canonicalJson: NaN is not a finite number",
    );
    expect(() => canonicalJson(() => 1)).toThrow(/cannot serialize a function/);
  });

  it("hashes parsed defaults and explicit defaults the same", () => {
    const implicit = parseLabParams("ctr-baseline-vs-lr", {});
    const explicit = parseLabParams("ctr-baseline-vs-lr", {
      seed: 42,
      rows: 10_000,
    });
    expect(computeParamsHash("ctr-baseline-vs-lr", implicit)).toBe(
      computeParamsHash("ctr-baseline-vs-lr", explicit),
    );
  });

  it("changes with the lab, a parameter or the engine version", () => {
    const params = { rows: 10_000, seed: 42 };
    const base = computeParamsHash("ctr-baseline-vs-lr", params);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(computeParamsHash("model-progression", params)).not.toBe(base);
    expect(
      computeParamsHash("ctr-baseline-vs-lr", { ...params, seed: 43 }),
    ).not.toBe(base);
    expect(computeParamsHash("ctr-baseline-vs-lr", params, "labs-0")).not.toBe(
      base,
    );
  });
});

describe("result access for grading", () => {
  const result = {
    metrics: { lr: { roc_auc: 0.61 } },
    table: [{ accuracy: 0.9 }],
    name: "x",
  };

  it("reads a metric by dotted path", () => {
    expect(readResultMetric(result, "metrics.lr.roc_auc")).toBe(0.61);
    expect(readResultMetric(result, "table.0.accuracy")).toBe(0.9);
  });

  it("names the missing step", () => {
    expect(() => readResultMetric(result, "metrics.gbdt.roc_auc")).toThrow(
      'Metric path "metrics.gbdt.roc_auc" not found: metrics has no "gbdt".',
    );
    expect(() => readResultMetric(result, "name")).toThrow(
      /leads to "x", not a number/,
    );
  });

  it("applies a lab's rule and names the valid ones", () => {
    const run = {
      metrics: {
        logistic_regression: { roc_auc: 0.6 },
        baseline_popularity: { roc_auc: 0.55 },
      },
    };
    expect(
      applyLabRule("ctr-baseline-vs-lr", "better-ranker-popularity-vs-lr", run),
    ).toBe("logistic-regression");
    expect(() => applyLabRule("ctr-baseline-vs-lr", "nope", run)).toThrow(
      'Lab "ctr-baseline-vs-lr" has no rule "nope"; its rules are: better-ranker-popularity-vs-lr.',
    );
  });
});
