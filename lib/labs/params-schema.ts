import { z } from "zod";

const numberFormat = new Intl.NumberFormat("en-US", {
  maximumFractionDigits: 6,
});

function rangeMessage(name: string, min: number, max: number): string {
  return `${name} must be between ${numberFormat.format(min)} and ${numberFormat.format(max)}`;
}

/**
 * Builds an integer parameter in [min, max] with a default. Every message
 * names the parameter and its range, e.g. "rows must be between 1,000 and
 * 100,000", so a form can show it as is.
 */
export function integerParam(
  name: string,
  min: number,
  max: number,
  defaultValue: number,
) {
  const message = rangeMessage(name, min, max);
  return z
    .number({ error: `${message} (an integer)` })
    .int({
      error: `${name} must be a whole number between ${numberFormat.format(min)} and ${numberFormat.format(max)}`,
    })
    .min(min, { error: message })
    .max(max, { error: message })
    .default(defaultValue);
}

/** Builds a real-valued parameter in [min, max] with a default. */
export function numberParam(
  name: string,
  min: number,
  max: number,
  defaultValue: number,
) {
  const message = rangeMessage(name, min, max);
  return z
    .number({ error: message })
    .min(min, { error: message })
    .max(max, { error: message })
    .default(defaultValue);
}

/** Builds a parameter that takes one value of a fixed list, with a default. */
export function enumParam<const T extends readonly [string, ...string[]]>(
  name: string,
  values: T,
  defaultValue: T[number],
) {
  return z
    .enum(values, { error: `${name} must be one of: ${values.join(", ")}` })
    .default(defaultValue);
}
