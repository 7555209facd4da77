import { InvalidSpecError } from "./errors";
import { parseQuantity } from "./quantity";
import type { AnswerFor, GradeResult, QuestionSpec } from "./spec";
import { allowedDifference, isWithinTolerance } from "./tolerance";
import { resolveSpecUnit, type Unit } from "./units";

export type NumericSpec = Extract<QuestionSpec, { kind: "numeric" }>;

export interface NumericDetails {
  /** The learner's value converted to the spec's unit. */
  value: number;
  expected: number;
  /** The spec's unit; "" for a plain number. */
  unit: string;
  /** The unit the learner wrote, or the spec's unit for a bare number. */
  unitWritten: string;
  /** Largest accepted |value − expected|, in the spec's unit. */
  allowedDifference: number;
  difference: number;
}

/**
 * Grades a numeric answer: the learner's text is parsed with its unit
 * (see parseQuantity), converted to the spec's unit and compared with
 * `spec.answer` within `spec.tolerance` (see isWithinTolerance). The
 * absolute tolerance is in the spec's unit. Score is 1 or 0.
 *
 * @throws InvalidAnswerError on input that parseQuantity rejects:
 *   unreadable, outside the range of a double, an unknown unit or a unit
 *   of another family.
 * @throws InvalidSpecError when `spec.unit` is not a known unit.
 */
export function gradeNumeric(
  spec: NumericSpec,
  answer: AnswerFor<"numeric">,
): GradeResult {
  const specUnit = requireSpecUnit(spec.unit);
  const { value, unit } = parseQuantity(answer.value, specUnit, "value");
  const correct = isWithinTolerance(value, spec.answer, spec.tolerance);

  const details: NumericDetails = {
    value,
    expected: spec.answer,
    unit: specUnit.symbol,
    unitWritten: unit.symbol,
    allowedDifference: allowedDifference(spec.answer, spec.tolerance),
    difference: value - spec.answer,
  };

  const expectedText = formatWithUnit(spec.answer, specUnit);
  return {
    score: correct ? 1 : 0,
    correct,
    summary: correct
      ? `Correct: ${formatWithUnit(value, specUnit)} is within tolerance of ${expectedText}.`
      : `Not quite: ${formatWithUnit(value, specUnit)} is outside the tolerance of ${expectedText}.`,
    details,
  };
}

/**
 * Resolves a spec's unit or throws InvalidSpecError naming it.
 */
export function requireSpecUnit(unit: string | undefined): Unit {
  const resolved = resolveSpecUnit(unit);
  if (!resolved) {
    throw new InvalidSpecError(
      `unknown unit '${unit}' in the question spec; use a byte unit (GB, GiB), a time unit (s, min, h), '%', a count scale (k, M, billion) or no unit`,
    );
  }
  return resolved;
}

function formatWithUnit(value: number, unit: Unit): string {
  const number = Number(value.toPrecision(12)).toString();
  if (unit.symbol === "") return number;
  if (unit.symbol === "%") return `${number}%`;
  return `${number} ${unit.symbol}`;
}
