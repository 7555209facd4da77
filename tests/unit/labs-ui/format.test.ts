import { describe, expect, it } from "vitest";

import { roundTicks } from "@/components/labs/charts";
import {
  formatThreshold,
  formatTime,
  inDisplayOrder,
  labelOf,
} from "@/components/labs/labels";
import { describeParams } from "@/components/labs/runs-list";
import type { LabParameterField } from "@/components/labs/parameter-fields";

describe("roundTicks", () => {
  it.each([
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0.5, 1, [0.5, 0.6, 0.7, 0.8, 0.9, 1]],
    [0, 79.2, [0, 20, 40, 60, 80]],
    [0, 7.5, [0, 2, 4, 6, 8]],
  ])("steps from %d to %d", (low, high, expected) => {
    expect(roundTicks(low, high)).toEqual(expected);
  });

  it("covers the top of the range", () => {
    for (const high of [0.03, 1.7, 13, 250, 9_999]) {
      const ticks = roundTicks(0, high);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)!, String(high)).toBeGreaterThanOrEqual(high);
      expect(ticks.length, String(high)).toBeLessThanOrEqual(7);
    }
  });

  it("returns the low end of an empty range", () => {
    expect(roundTicks(2, 2)).toEqual([2]);
  });
});

describe("inDisplayOrder", () => {
  it("orders keys as the labs define them", () => {
    // The order PostgreSQL's jsonb returns: shorter keys first.
    const stored = [
      "none",
      "focal_loss",
      "class_weight",
      "oversampling",
      "undersampling",
    ];
    expect(inDisplayOrder(stored)).toEqual([
      "none",
      "oversampling",
      "undersampling",
      "class_weight",
      "focal_loss",
    ]);
  });

  it("keeps unknown keys last in their order", () => {
    expect(inDisplayOrder(["zeta", "clean", "alpha", "both"])).toEqual([
      "clean",
      "both",
      "zeta",
      "alpha",
    ]);
  });
});

describe("labels", () => {
  it("names known keys and spaces unknown ones", () => {
    expect(labelOf("logistic_regression")).toBe("Logistic regression");
    expect(labelOf("roc_auc")).toBe("ROC-AUC");
    expect(labelOf("some_new_key")).toBe("some new key");
  });

  it("formats thresholds and times", () => {
    expect(formatThreshold(0.0063912)).toBe("0.00639");
    expect(formatThreshold(0.5)).toBe("0.5");
    expect(formatThreshold(undefined)).toBe("—");
    expect(formatTime("2026-12-04T16:52:07.123Z")).toBe("2026-12-04 16:52 UTC");
  });
});

describe("describeParams", () => {
  const fields: LabParameterField[] = [
    {
      name: "rows",
      label: "Rows",
      help: "",
      kind: "integer",
      min: 1,
      max: 1e6,
      defaultValue: 10_000,
    },
    {
      name: "seed",
      label: "Seed",
      help: "",
      kind: "integer",
      min: 0,
      max: 9,
      defaultValue: 42,
    },
    {
      name: "precision",
      label: "Precision",
      help: "",
      kind: "enum",
      options: ["fp32", "bf16"],
      defaultValue: "fp32",
    },
  ];

  it("lists only changed parameters", () => {
    expect(
      describeParams({ rows: 20_000, seed: 42, precision: "bf16" }, fields),
    ).toBe("rows 20,000, precision bf16");
  });

  it("says when every parameter is at its default", () => {
    expect(describeParams({ rows: 10_000 }, fields)).toBe("default parameters");
  });
});
