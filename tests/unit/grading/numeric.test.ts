import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InvalidAnswerError, InvalidSpecError } from "@/lib/grading/errors";
import {
  gradeNumeric,
  type NumericDetails,
  type NumericSpec,
} from "@/lib/grading/numeric";
import { parseQuantity } from "@/lib/grading/quantity";
import { isWithinTolerance } from "@/lib/grading/tolerance";
import { resolveSpecUnit, type Unit } from "@/lib/grading/units";

function unit(name: string | undefined): Unit {
  const resolved = resolveSpecUnit(name);
  if (!resolved) throw new Error(`test uses unknown unit ${name}`);
  return resolved;
}

function spec(
  answer: number,
  specUnit: string | undefined,
  tolerance: NumericSpec["tolerance"],
): NumericSpec {
  return { kind: "numeric", answer, unit: specUnit, tolerance };
}

describe("parseQuantity", () => {
  // [input, spec unit, value in the spec unit]
  it.each<[string, string | undefined, number]>([
    ["8 GB", "bytes", 8e9],
    ["8GB", "bytes", 8e9],
    ["8e9 bytes", "bytes", 8e9],
    ["8E9 B", "bytes", 8e9],
    ["8,000,000,000", "bytes", 8e9],
    ["8 gigabytes", "bytes", 8e9],
    ["8 billion bytes", "bytes", 8e9],
    ["8000 MB", "bytes", 8e9],
    ["8 × 10^9 bytes", "bytes", 8e9],
    ["1 GiB", "bytes", 1024 ** 3],
    ["2 KiB", "KB", 2.048],
    ["8 GB", "GB", 8],
    ["8", "GB", 8],
    ["0.546", undefined, 0.546],
    ["54.6%", undefined, 0.546],
    ["54.6 %", undefined, 0.546],
    ["54.6 percent", undefined, 0.546],
    ["54.6%", "%", 54.6],
    ["0.546", "%", 0.546],
    ["500M", undefined, 5e8],
    ["500 million", undefined, 5e8],
    ["0.5B", undefined, 5e8],
    ["0.5 billion parameters", undefined, 5e8],
    ["500M parameters", undefined, 5e8],
    ["10B examples", undefined, 1e10],
    ["1.5k", undefined, 1500],
    ["500M", "million", 500],
    ["500M", "M", 500],
    ["120 min", "hours", 2],
    ["7200 s", "h", 2],
    ["2h", "hours", 2],
    ["90 seconds", "min", 1.5],
    ["250 ms", "s", 0.25],
    ["3 days", "h", 72],
    ["-0.25", undefined, -0.25],
    [".5", undefined, 0.5],
    ["  8 GB  ", "bytes", 8e9],
  ])("reads %j in %s", (input, specUnit, expected) => {
    const { value } = parseQuantity(input, unit(specUnit), "value");
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(
      1e-12 * Math.abs(expected),
    );
  });

  it("reads B as bytes for a byte answer", () => {
    expect(parseQuantity("8 B", unit("bytes"), "value").value).toBe(8);
  });

  it("reads B as billion for a count", () => {
    expect(parseQuantity("8 B", unit(undefined), "value").value).toBe(8e9);
  });

  it("reads m as minutes for a time", () => {
    expect(parseQuantity("5 m", unit("s"), "value").value).toBe(300);
  });

  // [input, spec unit, a fragment of the message]
  it.each<[string, string | undefined, string | RegExp]>([
    ["abc", "bytes", "could not read a number from 'abc'"],
    ["", "bytes", "enter a number"],
    ["   ", "bytes", "enter a number"],
    ["NaN", undefined, "could not read a number"],
    ["Infinity", undefined, "could not read a number"],
    ["1e999", undefined, "'1e999' is too large to be a finite number"],
    ["1e308 GB", "bytes", "too large"],
    [
      "8 seconds",
      "bytes",
      "'8 seconds' is a time, but this answer is in bytes",
    ],
    [
      "8 GB",
      "hours",
      "'8 GB' is a size in bytes, but this answer is in units of time",
    ],
    [
      "8 GB",
      undefined,
      "is a size in bytes, but this answer is in plain numbers",
    ],
    ["2 hours", undefined, "is a time"],
    ["8 furlongs", "bytes", "'furlongs' in '8 furlongs' is not a unit"],
    ["0,5", undefined, "write decimals with a dot"],
    ["8 GB GB", "bytes", "is not a unit"],
  ])("rejects %j in %s", (input, specUnit, message) => {
    const read = () => parseQuantity(input, unit(specUnit), "value");
    expect(read).toThrow(InvalidAnswerError);
    expect(read).toThrow(message);
  });

  it("names the field in errors", () => {
    try {
      parseQuantity("abc", unit(undefined), "value");
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidAnswerError).field).toBe("value");
    }
  });

  it("reads any printed double back exactly", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const { value } = parseQuantity(String(x), unit(undefined), "value");
        return Object.is(value, x) || value === x;
      }),
    );
  });

  it("converts GB to bytes within floating-point rounding", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (gb) => {
        const { value } = parseQuantity(`${gb} GB`, unit("bytes"), "value");
        return Math.abs(value - gb * 1e9) <= 1e-12 * gb * 1e9;
      }),
    );
  });
});

describe("isWithinTolerance", () => {
  it.each<[number, number, NumericSpec["tolerance"], boolean]>([
    [8.05, 8, { absolute: 0.1 }, true],
    [8.2, 8, { absolute: 0.1 }, false],
    [8.07, 8, { relative: 0.01 }, true],
    [8.09, 8, { relative: 0.01 }, false],
    // The looser of the two applies.
    [8.09, 8, { relative: 0.01, absolute: 0.1 }, true],
    [8.3, 8, { relative: 0.05, absolute: 0.1 }, true],
    [0, 0, { relative: 0.1 }, true],
    [1e-12, 0, { relative: 0.1 }, false],
    [0.5459999999999999, 0.546, { absolute: 0 }, true],
  ])("%f vs %f with %j is %s", (value, expected, tolerance, within) => {
    expect(isWithinTolerance(value, expected, tolerance)).toBe(within);
  });
});

describe("gradeNumeric", () => {
  const memory = spec(8e9, "bytes", { relative: 0.05 });

  it.each([
    ["8 GB", true],
    ["8e9 bytes", true],
    ["8,000,000,000", true],
    ["8 gigabytes", true],
    ["7.45 GiB", true],
    ["8 TB", false],
    ["8 MB", false],
  ])("grades %j as %s", (value, correct) => {
    const result = gradeNumeric(memory, { value });
    expect(result.correct).toBe(correct);
    expect(result.score).toBe(correct ? 1 : 0);
  });

  it("matches a percentage against a fraction", () => {
    const auc = spec(0.546, undefined, { absolute: 0.001 });
    expect(gradeNumeric(auc, { value: "54.6%" }).correct).toBe(true);
    expect(gradeNumeric(auc, { value: "0.546" }).correct).toBe(true);
    expect(gradeNumeric(auc, { value: "0.55" }).correct).toBe(false);
  });

  it("reads a bare number in the spec's unit", () => {
    const percent = spec(54.6, "%", { absolute: 0.1 });
    expect(gradeNumeric(percent, { value: "54.6" }).correct).toBe(true);
    expect(gradeNumeric(percent, { value: "0.546" }).correct).toBe(false);
  });

  it("reports value and difference in the spec unit", () => {
    const hours = spec(2, "hours", { absolute: 0.25 });
    const result = gradeNumeric(hours, { value: "150 min" });
    const details = result.details as NumericDetails;
    expect(details.value).toBeCloseTo(2.5, 12);
    expect(details.difference).toBeCloseTo(0.5, 12);
    expect(details.allowedDifference).toBe(0.25);
    expect(details.unitWritten).toBe("min");
    expect(result.correct).toBe(false);
  });

  it("rejects an unknown spec unit", () => {
    const broken = spec(1, "furlongs", { absolute: 0 });
    expect(() => gradeNumeric(broken, { value: "1" })).toThrow(
      InvalidSpecError,
    );
  });

  it("rejects a time for a byte answer", () => {
    expect(() => gradeNumeric(memory, { value: "8 seconds" })).toThrow(
      "'8 seconds' is a time, but this answer is in bytes",
    );
  });
});
