import { InvalidAnswerError } from "./errors";
import {
  minNormalMagnitude,
  readNumeral,
  requireRepresentable,
} from "./numeral";
import {
  familyNoun,
  familyUnitsHint,
  lookupUnit,
  scaleWords,
  type Unit,
} from "./units";

/** A number read from a learner's answer, converted to the spec's unit. */
export interface Quantity {
  /** The value expressed in the spec's unit. */
  value: number;
  /** The unit the learner wrote; the spec's unit for a bare number. */
  unit: Unit;
}

/**
 * Parses a numeric answer such as "8 GB", "8e9 bytes", "8,000,000,000",
 * "8 gigabytes", "0.546", "54.6%", "1.5 billion" or "10B examples", and
 * converts it to the spec's unit. Symbols that differ per family ("B":
 * bytes or billion, "m": minutes or million) take the meaning of the
 * spec's family.
 *
 * The rule for the number:
 * - Decimal digits with an optional sign (+, - or the minus sign −), an
 *   optional fraction after a dot (".5" and "8." read), and an optional
 *   exponent written "e9", "× 10^9", "x10^9", "*10**9" or "× 10⁹".
 * - A comma only groups thousands: "8,000,000" is 8000000 and "1,500" is
 *   1500. Any other comma is rejected ("0,5", "8,00,000", "0,500")
 *   because it may be a decimal comma. Other grouping (spaces, dots,
 *   apostrophes, underscores) is rejected.
 * - A bare number is in the spec's unit, so with a fraction answer "54.6"
 *   is 54.6 and "54.6%" is 0.546. A "%" unit is a hundredth.
 * - Rejected with a message naming the input: an empty answer, NaN,
 *   infinities, hexadecimal, octal and binary, a dash other than - as the
 *   sign, a second number ("8-16", "1/3", "1 h 30 min"), a power other
 *   than of ten ("2^30"), and two exponents.
 * - The value as written and the value in the spec's unit must each be 0
 *   or a normal double: at most about 1.8e308 in size, and, unless the
 *   learner wrote 0, at least 2^−1022 (about 2.2e-308). So "1e999" and
 *   "1e-999" are rejected rather than read as Infinity or 0.
 *
 * A number written in the spec's unit converts exactly, so printing any
 * such double and parsing it back returns the same double.
 *
 * @param text the learner's input.
 * @param specUnit the unit of the expected answer.
 * @param field the answer field named in error messages.
 * @throws InvalidAnswerError when the input breaks the rule above, the
 *   unit is unknown, or the unit belongs to a different family ("'8
 *   seconds' is a time, but this answer is in bytes").
 */
export function parseQuantity(
  text: string,
  specUnit: Unit,
  field: string,
): Quantity {
  const input = text.trim();
  if (input === "") {
    throw new InvalidAnswerError(
      field,
      "the answer is empty; enter a number such as 8, 0.546 or 8e9",
    );
  }

  const numeral = readNumeral(input, field);
  requireRepresentable(numeral.value, numeral.nonZero, input, "", field);

  const unit =
    numeral.rest === ""
      ? specUnit
      : readUnit(numeral.rest, input, specUnit, field);
  const value = convert(numeral.value, unit, specUnit);
  const unitName = specUnit.symbol === "" ? "a plain number" : specUnit.symbol;
  requireRepresentable(value, numeral.nonZero, input, unitName, field);

  return { value, unit };
}

/**
 * Converts `value` from `unit` to `specUnit`. Equal factors leave the
 * value untouched, so a number in the spec's unit reads back exactly.
 * Multiplying before dividing keeps whole-number results exact ("7200 s"
 * is exactly 2 h). When that product leaves the normal range, the ratio
 * of the factors is applied instead, so "1e300 TB" in PB keeps its value.
 */
function convert(value: number, unit: Unit, specUnit: Unit): number {
  if (unit.factor === specUnit.factor) return value;

  const product = value * unit.factor;
  const magnitude = Math.abs(product);
  const productIsNormal =
    Number.isFinite(product) &&
    (value === 0 || magnitude >= minNormalMagnitude);
  if (productIsNormal) return product / specUnit.factor;
  return value * (unit.factor / specUnit.factor);
}

function readUnit(
  unitText: string,
  input: string,
  specUnit: Unit,
  field: string,
): Unit {
  const unit =
    lookupUnit(unitText, specUnit.family) ?? readScaledUnit(unitText, specUnit);
  if (!unit) {
    throw new InvalidAnswerError(
      field,
      `'${unitText}' in '${input}' is not a unit this answer understands; use ${familyUnitsHint[specUnit.family]}`,
    );
  }

  if (unit.family !== specUnit.family) {
    throw new InvalidAnswerError(
      field,
      `'${input}' is ${familyNoun[unit.family]}, but this answer is in ${familyUnitsHint[specUnit.family]}`,
    );
  }
  return unit;
}

/** Reads "billion bytes" or "10B examples": a scale word, then a unit. */
function readScaledUnit(unitText: string, specUnit: Unit): Unit | undefined {
  const match = /^([a-z]+)\s*(.+)$/i.exec(unitText);
  if (!match) return undefined;

  const scale = scaleWords[match[1].toLowerCase()];
  if (scale === undefined) return undefined;

  const unit = lookupUnit(match[2], specUnit.family);
  if (!unit) return undefined;
  return {
    ...unit,
    symbol: `${match[1]} ${unit.symbol}`,
    factor: scale * unit.factor,
  };
}
