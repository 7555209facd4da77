import type { Tolerance } from "./spec";

/**
 * Relative slack added to every comparison so that values which differ
 * only by binary floating-point rounding in a unit conversion (54.6% is
 * 0.5459999999999999 after × 0.01) still compare equal.
 */
const floatingPointSlack = 1e-9;

/**
 * Returns the largest difference from `expected` that `tolerance` allows:
 * max(absolute, relative × |expected|), in the unit of `expected`. With
 * both given, the looser one applies, as in Python's math.isclose.
 */
export function allowedDifference(
  expected: number,
  tolerance: Tolerance,
): number {
  const absolute = tolerance.absolute ?? 0;
  const relative = (tolerance.relative ?? 0) * Math.abs(expected);
  return Math.max(absolute, relative);
}

/** Returns whether `value` is within `tolerance` of `expected`. */
export function isWithinTolerance(
  value: number,
  expected: number,
  tolerance: Tolerance,
): boolean {
  const slack =
    floatingPointSlack * Math.max(Math.abs(value), Math.abs(expected));
  return (
    Math.abs(value - expected) <= allowedDifference(expected, tolerance) + slack
  );
}
