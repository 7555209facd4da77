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
    ["\u22120.25", undefined, -0.25],
    ["1e\u22123", undefined, 0.001],
    [".5", undefined, 0.5],
    ["8.", undefined, 8],
    ["  8 GB  ", "bytes", 8e9],
    ["1,000.5", undefined, 1000.5],
    ["8 × 10⁹ bytes", "bytes", 8e9],
    ["3 × 10⁻³ s", "ms", 3],
    ["8*10**9", undefined, 8e9],
    ["0 × 10^999", undefined, 0],
    ["0e-999", undefined, 0],
    ["1e-300", undefined, 1e-300],
    ["1e300 TB", "TB", 1e300],
    ["1e300 TB", "PB", 1e297],
    ["0x", undefined, 0],
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
    ["8 GB GB", "bytes", "is not a unit"],
  ])("rejects %j in %s", (input, specUnit, message) => {
    const read = () => parseQuantity(input, unit(specUnit), "value");
    expect(read).toThrow(InvalidAnswerError);
    expect(read).toThrow(message);
  });

  // Each message names the input as typed and states what to type instead.
  // [input, spec unit, what is wrong, what to type]
  it.each<[string, string | undefined, string, string]>([
    ["", "bytes", "the answer is empty", "enter a number such as 8"],
    ["   ", "bytes", "the answer is empty", "enter a number such as 8"],
    // Underflow to 0 and into the subnormal range.
    ["1e-999", undefined, "'1e-999' is too close to zero", "enter 0"],
    ["-1e-999", undefined, "'-1e-999' is too close to zero", "enter 0"],
    ["1e-400 GB", "bytes", "'1e-400 GB' is too close to zero", "enter 0"],
    ["1 × 10^-999", undefined, "is too close to zero", "enter 0"],
    ["1e-320", undefined, "'1e-320' is too close to zero", "enter 0"],
    ["5e-324", undefined, "'5e-324' is too close to zero", "enter 0"],
    [
      "1e-300 ns",
      "h",
      "'1e-300 ns' is too close to zero once converted to h",
      "enter 0",
    ],
    // Overflow to Infinity.
    ["1e999", undefined, "'1e999' is too large", "check the exponent"],
    ["-1e999", undefined, "'-1e999' is too large", "check the exponent"],
    ["1 × 10^999", undefined, "is too large", "check the exponent"],
    [
      "1e308 GB",
      "bytes",
      "'1e308 GB' is too large once converted to bytes",
      "check the exponent",
    ],
    [
      "1e300 T",
      undefined,
      "is too large once converted to a plain number",
      "check the exponent",
    ],
    // Words that JavaScript reads as numbers.
    ["NaN", undefined, "'NaN' is not a number", "write digits such as 8"],
    ["nan", undefined, "'nan' is not a number", "write digits"],
    ["NaN GB", "bytes", "'NaN GB' is not a number", "write digits"],
    ["Infinity", undefined, "'Infinity' is not a finite", "such as 8"],
    ["-Infinity", undefined, "'-Infinity' is not a finite", "such as 8"],
    ["inf", undefined, "'inf' is not a finite number", "such as 8"],
    ["∞", undefined, "'∞' is not a finite number", "such as 8"],
    // Other bases.
    [
      "0x1F",
      undefined,
      "'0x1F' is a hexadecimal number",
      "decimal digits (31)",
    ],
    ["-0x10", undefined, "is a hexadecimal number", "decimal digits (-16)"],
    ["0b101", undefined, "'0b101' is a binary number", "decimal digits (5)"],
    ["0o17", undefined, "'0o17' is an octal number", "decimal digits (15)"],
    // Signs.
    ["\u20135", undefined, "starts with the dash '\u2013'", "as -"],
    // Commas that do not group thousands.
    [
      "0,5",
      undefined,
      "'0,5' has a comma that does not",
      "decimals with a dot",
    ],
    ["1,5", undefined, "comma that does not separate thousands", "0.5"],
    ["0,500", undefined, "comma that does not separate thousands", "0.5"],
    ["8,00,000", undefined, "comma that does not separate", "8,000,000"],
    ["1,0000", undefined, "comma that does not separate", "8,000,000"],
    ["54,6%", undefined, "comma that does not separate", "decimals"],
    // Other digit grouping.
    ["8.000.000", undefined, "more than one decimal point", "8000000"],
    ["1.2.3", undefined, "more than one decimal point", "8,000,000"],
    ["8 000 000", undefined, "separated by a space", "8,000,000"],
    ["8'000'000", undefined, "separated by a space, apostrophe", "8000000"],
    ["8_000_000", undefined, "apostrophe or underscore", "8000000"],
    // More than one number.
    ["8 16", undefined, "'8 16' contains more than one number", "one value"],
    ["8-16", undefined, "'8-16' contains more than one number", "one value"],
    ["8\u201316", undefined, "contains more than one number", "one value"],
    ["8 to 16 GB", "bytes", "contains more than one number", "8 GB"],
    ["8 GB or 16 GB", "bytes", "contains more than one number", "8 GB"],
    ["1 h 30 min", "h", "contains more than one number", "1.5 h"],
    ["50% of 8", undefined, "contains more than one number", "one value"],
    ["1/3", undefined, "'1/3' is a fraction", "as a decimal"],
    // Powers and exponents.
    ["2^30 bytes", "bytes", "has a power that this answer cannot", "8e9"],
    ["10^9", undefined, "has a power", "scientific notation"],
    ["8e3 × 10^2", undefined, "'8e3 × 10^2' has two exponents", "8e9"],
  ])("rejects %j in %s", (input, specUnit, problem, remedy) => {
    const read = () => parseQuantity(input, unit(specUnit), "value");
    expect(read).toThrow(InvalidAnswerError);
    expect(read).toThrow(problem);
    expect(read).toThrow(remedy);
  });

  it("names the field in errors", () => {
    try {
      parseQuantity("abc", unit(undefined), "value");
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidAnswerError).field).toBe("value");
    }
  });

  // Zero and the normal doubles, 2^-1022 to Number.MAX_VALUE in size.
  const representable = fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((x) => x === 0 || Math.abs(x) >= 2 ** -1022);

  it("reads any printed double back exactly", () => {
    fc.assert(
      fc.property(representable, (x) => {
        const { value } = parseQuantity(String(x), unit(undefined), "value");
        expect(value === x).toBe(true);
      }),
    );
  });

  it("reads a double in its unit exactly", () => {
    const specUnits = ["GB", "bytes", "KiB", "s", "min", "h", "%", "M", "k"];
    fc.assert(
      fc.property(
        representable,
        fc.constantFrom(...specUnits),
        (x, specUnit) => {
          const read = parseQuantity(`${x} ${specUnit}`, unit(specUnit), "v");
          expect(read.value === x).toBe(true);
        },
      ),
    );
  });

  it("reads exponential notation back exactly", () => {
    fc.assert(
      fc.property(representable, (x) => {
        const printed = x.toExponential(16);
        const { value } = parseQuantity(printed, unit(undefined), "value");
        expect(value === x).toBe(true);
      }),
    );
  });

  it("rejects a printed subnormal double", () => {
    const subnormal = fc
      .double({ min: -(2 ** -1022), max: 2 ** -1022, noNaN: true })
      .filter((x) => x !== 0 && Math.abs(x) < 2 ** -1022);
    fc.assert(
      fc.property(subnormal, (x) => {
        const read = () => parseQuantity(String(x), unit(undefined), "v");
        expect(read).toThrow("too close to zero");
      }),
    );
  });

  // A decimal significand with at least one non-zero digit, such as
  // "-0.0305", and an exponent.
  const nonZeroSignificand = fc
    .tuple(
      fc.constantFrom("", "-", "+"),
      fc.stringMatching(/^\d{0,3}[1-9]\d{0,3}$/),
      fc.integer({ min: 0, max: 4 }),
    )
    .map(([sign, digits, point]) => {
      const split = Math.min(point, digits.length);
      const whole = digits.slice(0, digits.length - split) || "0";
      const fraction = digits.slice(digits.length - split);
      return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
    });

  it("never reads a non-zero number as 0 or Infinity", () => {
    fc.assert(
      fc.property(
        nonZeroSignificand,
        fc.integer({ min: -2000, max: 2000 }),
        fc.constantFrom("e", " × 10^"),
        (significand, exponent, notation) => {
          const input = `${significand}${notation}${exponent}`;
          let value: number;
          try {
            value = parseQuantity(input, unit(undefined), "value").value;
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidAnswerError);
            expect((error as Error).message).toContain(`'${input}'`);
            return;
          }
          expect(value).not.toBe(0);
          expect(Number.isFinite(value)).toBe(true);
          // Both notations mean the same decimal, correctly rounded.
          expect(value).toBe(Number(`${significand}e${exponent}`));
        },
      ),
    );
  });

  it("returns only zero or normal doubles", () => {
    const numberLike = fc.stringMatching(
      /^[-+\u2212]?[0-9.,]{0,8}(e-?[0-9]{0,4})?( ?(GB|%|k|ns|h|x10\^-?[0-9]{1,4}))?$/,
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), numberLike), (input) => {
        let value: number;
        try {
          value = parseQuantity(input, unit("s"), "value").value;
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidAnswerError);
          return;
        }
        expect(Number.isFinite(value)).toBe(true);
        expect(value === 0 || Math.abs(value) >= 2 ** -1022).toBe(true);
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

  it("rejects an underflow instead of grading 0", () => {
    const zero = spec(0, undefined, { absolute: 0.01 });
    expect(gradeNumeric(zero, { value: "0" }).correct).toBe(true);
    expect(() => gradeNumeric(zero, { value: "1e-999" })).toThrow(
      InvalidAnswerError,
    );
    expect(() => gradeNumeric(zero, { value: "1e-999" })).toThrow(
      "'1e-999' is too close to zero",
    );
  });

  it("rejects a time for a byte answer", () => {
    expect(() => gradeNumeric(memory, { value: "8 seconds" })).toThrow(
      "'8 seconds' is a time, but this answer is in bytes",
    );
  });
});
