import { InvalidAnswerError } from "./errors";
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

// A decimal number with optional thousands commas ("8,000,000"), an
// optional fraction and an optional exponent ("8e9").
const numberPattern =
  /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/i;

// Scientific notation written out: "8 × 10^9", "8x10^9", "8*10^9".
const timesTenPattern = /^\s*[x×*·]\s*10\s*\^\s*([+-]?\d+)/i;

/**
 * Parses a numeric answer such as "8 GB", "8e9 bytes", "8,000,000,000",
 * "8 gigabytes", "0.546", "54.6%", "1.5 billion" or "10B examples", and
 * converts it to the spec's unit. A bare number is read in the spec's
 * unit. Symbols that differ per family ("B": bytes or billion, "m":
 * minutes or million) take the meaning of the spec's family.
 *
 * @param text the learner's input.
 * @param specUnit the unit of the expected answer.
 * @param field the answer field named in error messages.
 * @throws InvalidAnswerError when there is no number, the number is not
 *   finite (e.g. "1e999"), the unit is unknown, or the unit belongs to a
 *   different family ("'8 seconds' is a time, but this answer is in
 *   bytes").
 */
export function parseQuantity(
  text: string,
  specUnit: Unit,
  field: string,
): Quantity {
  const input = text.trim();
  if (input === "") {
    throw new InvalidAnswerError(field, "enter a number");
  }

  const numberMatch = numberPattern.exec(input);
  if (!numberMatch) {
    throw new InvalidAnswerError(
      field,
      `could not read a number from '${input}'; write digits such as 8, 0.546 or 8e9`,
    );
  }

  let mantissa = Number(numberMatch[0].replaceAll(",", ""));
  let rest = input.slice(numberMatch[0].length);

  const timesTen = timesTenPattern.exec(rest);
  if (timesTen) {
    mantissa *= 10 ** Number(timesTen[1]);
    rest = rest.slice(timesTen[0].length);
  }
  rest = rest.trim();

  if (/^,\d/.test(rest)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' has a comma that does not separate thousands; write decimals with a dot, e.g. 0.5`,
    );
  }

  const unit = rest === "" ? specUnit : readUnit(rest, input, specUnit, field);
  const value = (mantissa * unit.factor) / specUnit.factor;

  if (!Number.isFinite(value)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' is too large to be a finite number`,
    );
  }
  return { value, unit };
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
