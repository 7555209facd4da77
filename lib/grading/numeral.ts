import { InvalidAnswerError } from "./errors";

/** The number at the start of a numeric answer, before its unit. */
export interface Numeral {
  /** The number as written, correctly rounded to a double. */
  value: number;
  /** Whether any digit of the significand is non-zero. */
  nonZero: boolean;
  /** The text after the number, trimmed: the unit, or "". */
  rest: string;
}

/** Smallest positive normal double, 2^−1022 (about 2.2e-308). */
export const minNormalMagnitude = 2 ** -1022;

// The significand: digits with an optional fraction after a dot. Commas
// may group thousands when every group after the first has three digits
// and the first does not start with 0, so "8,000,000" reads and "0,500"
// does not.
const significandPattern =
  /^[+-]?(?:(?:[1-9]\d{0,2}(?:,\d{3})+(?!\d)|\d+)(?:\.\d*)?|\.\d+)/;

const exponentPattern = /^e([+-]?\d+)/i;

// Scientific notation written out: "8 × 10^9", "8x10^9", "8*10**9".
const timesTenPattern = /^\s*[x×*·]\s*10\s*(?:\^|\*\*)\s*([+-]?\d+)/i;

const superscripts: Record<string, string> = {
  "⁰": "0",
  "¹": "1",
  "²": "2",
  "³": "3",
  "⁴": "4",
  "⁵": "5",
  "⁶": "6",
  "⁷": "7",
  "⁸": "8",
  "⁹": "9",
  "⁺": "+",
  "⁻": "-",
};

/**
 * Reads the number at the start of a trimmed, non-empty answer; see
 * parseQuantity for the accepted forms. The value may be ±Infinity or 0
 * after rounding, so callers check it with requireRepresentable.
 *
 * @param input the learner's answer, trimmed and not empty.
 * @param field the answer field named in error messages.
 * @throws InvalidAnswerError naming `input` when it does not start with a
 *   decimal number or the number is followed by more digits.
 */
export function readNumeral(input: string, field: string): Numeral {
  // U+2212 is the minus sign of typeset text; "10⁹" is 10^9.
  const text = input
    .replaceAll("\u2212", "-")
    .replace(
      /10([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g,
      (_, power: string) =>
        `10^${[...power].map((character) => superscripts[character]).join("")}`,
    );

  rejectNonDecimal(text, input, field);

  const significand = significandPattern.exec(text);
  if (!significand) {
    throw new InvalidAnswerError(
      field,
      `could not read a number from '${input}'; write digits such as 8, 0.546 or 8e9`,
    );
  }

  let numberText = significand[0].replaceAll(",", "");
  let rest = text.slice(significand[0].length);

  const exponent = exponentPattern.exec(rest);
  if (exponent) {
    numberText += exponent[0];
    rest = rest.slice(exponent[0].length);
  }

  const timesTen = timesTenPattern.exec(rest);
  if (timesTen) {
    if (exponent) {
      throw new InvalidAnswerError(
        field,
        `'${input}' has two exponents; write one, such as 8e9 or 8 × 10^9`,
      );
    }
    numberText += `e${timesTen[1]}`;
    rest = rest.slice(timesTen[0].length);
  }

  rejectMoreDigits(rest, input, field);

  return {
    value: Number(numberText),
    nonZero: /[1-9]/.test(significand[0]),
    rest: rest.trim(),
  };
}

/** Rejects NaN, infinities, a dash used as a sign, and hex, octal or binary. */
function rejectNonDecimal(text: string, input: string, field: string): void {
  if (/^[+-]?nan(?![a-z])/i.test(text)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' is not a number; write digits such as 8, 0.546 or 8e9`,
    );
  }

  if (/^[+-]?(?:inf(?:inity)?(?![a-z])|∞)/i.test(text)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' is not a finite number; write a finite value in digits, such as 8 or 8e9`,
    );
  }

  const dash = /^[\u2010-\u2015\ufe63\uff0d]/.exec(text);
  if (dash) {
    throw new InvalidAnswerError(
      field,
      `'${input}' starts with the dash '${dash[0]}'; type a minus sign as - (for example -0.25)`,
    );
  }

  // "0x10^9" is zero times a power of ten, not hexadecimal.
  if (/^[+-]?0x10\s*(?:\^|\*\*)/i.test(text)) return;

  const radix = /^([+-]?)0(?:x[0-9a-f]+|o[0-7]+|b[01]+)(?![0-9a-z])/i.exec(
    text,
  );
  if (radix) {
    const [literal, sign] = radix;
    const base = radixNames[literal[sign.length + 1].toLowerCase()];
    const magnitude = BigInt(literal.slice(sign.length).toLowerCase());
    const decimal = `${sign === "-" ? "-" : ""}${magnitude}`;
    throw new InvalidAnswerError(
      field,
      `'${input}' is ${base} number; write it in decimal digits (${decimal})`,
    );
  }
}

const radixNames: Record<string, string> = {
  x: "a hexadecimal",
  o: "an octal",
  b: "a binary",
};

/**
 * Rejects digits after the number: a decimal comma, digit grouping other
 * than "8,000,000", a fraction, a power, or a second number ("8-16",
 * "1 h 30 min"). Unit names contain no digits, so any digit here is one
 * of these.
 */
function rejectMoreDigits(after: string, input: string, field: string): void {
  if (!/\d/.test(after)) return;

  if (/^['’_\s]\d{3}(?!\d)/.test(after)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' has digits separated by a space, apostrophe or underscore; enter one number, with commas between thousands (8,000,000) or no separator (8000000)`,
    );
  }

  const rest = after.trim();

  if (/^,\s*\d/.test(rest)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' has a comma that does not separate thousands; write decimals with a dot (0.5) and group thousands by three digits (8,000,000), or do not group them`,
    );
  }
  if (/^\.\d/.test(rest)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' has more than one decimal point; group thousands with commas (8,000,000) or not at all (8000000)`,
    );
  }
  if (/^\/\s*\d/.test(rest)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' is a fraction; enter it as a decimal, such as 0.333, or as a percentage`,
    );
  }
  if (/^(?:\^|\*\*)/.test(rest)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' has a power that this answer cannot read; write the value in digits or scientific notation, such as 8000000000, 8e9 or 8 × 10^9`,
    );
  }
  throw new InvalidAnswerError(
    field,
    `'${input}' contains more than one number; enter one value with at most one unit, such as 8 GB or 1.5 h`,
  );
}

/**
 * Checks that a value is 0 or a normal double: finite, and for a non-zero
 * written number not rounded to 0 or into the subnormal range below
 * 2^−1022, where fewer than 15 significant digits survive.
 *
 * @param value the value to check.
 * @param nonZero whether the learner wrote a non-zero number.
 * @param input the learner's answer, for the message.
 * @param unitName where the value is expressed, e.g. "bytes"; "" for the
 *   number as written.
 * @param field the answer field named in error messages.
 * @throws InvalidAnswerError naming `input`, the limit and what to do.
 */
export function requireRepresentable(
  value: number,
  nonZero: boolean,
  input: string,
  unitName: string,
  field: string,
): void {
  const where = unitName === "" ? "" : ` once converted to ${unitName}`;

  if (!Number.isFinite(value)) {
    throw new InvalidAnswerError(
      field,
      `'${input}' is too large${where}: numbers beyond ±1.8e308 cannot be stored; check the exponent`,
    );
  }

  const magnitude = Math.abs(value);
  if (nonZero && magnitude < minNormalMagnitude) {
    throw new InvalidAnswerError(
      field,
      `'${input}' is too close to zero${where}: non-zero numbers smaller than 2.2e-308 in size lose precision; enter 0 if you mean zero, or check the exponent`,
    );
  }
}
