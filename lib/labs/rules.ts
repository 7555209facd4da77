import { labDefinitions } from "./registry";

/** A choice-question rule over a stored lab result; returns an option id. */
export type StoredResultRule = (result: unknown) => string;

function collectRules(): Record<string, StoredResultRule> {
  const rules: Record<string, StoredResultRule> = {};
  for (const definition of labDefinitions.values()) {
    for (const [name, rule] of Object.entries(definition.rules)) {
      if (name in rules) {
        throw new Error(
          `Lab rule "${name}" is defined by two labs; rule names must be unique across labs.`,
        );
      }
      rules[name] = rule as StoredResultRule;
    }
  }
  return rules;
}

/**
 * Every lab's choice-question rules by name. Names are unique across labs,
 * so a question spec's `answer.rule` finds its function here directly.
 */
export const labRules: Readonly<Record<string, StoredResultRule>> =
  collectRules();

/**
 * Returns the correct option id of a choice question for one run's result.
 *
 * @throws {RangeError} when the lab has no rule by that name.
 */
export function applyLabRule(
  lab: string,
  rule: string,
  result: unknown,
): string {
  const definition = labDefinitions.get(lab);
  const apply = definition?.rules[rule] as StoredResultRule | undefined;
  if (!apply) {
    const known = definition
      ? Object.keys(definition.rules).join(", ")
      : "none";
    throw new RangeError(
      `Lab "${lab}" has no rule "${rule}"; its rules are: ${known}.`,
    );
  }
  return apply(result);
}

/**
 * Reads a number from a result by a dotted path, e.g.
 * "metrics.logistic_regression.roc_auc"; array entries by index
 * ("models.0.accuracy").
 *
 * @throws {RangeError} naming the first missing step, or when the value
 *   found is not a finite number.
 */
export function readResultMetric(result: unknown, path: string): number {
  let value: unknown = result;
  const steps = path.split(".");
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index];
    if (value === null || typeof value !== "object" || !(step in value)) {
      const reached = steps.slice(0, index).join(".") || "(the result)";
      throw new RangeError(
        `Metric path "${path}" not found: ${reached} has no "${step}".`,
      );
    }
    value = (value as Record<string, unknown>)[step];
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(
      `Metric path "${path}" leads to ${JSON.stringify(value)}, not a number.`,
    );
  }
  return value;
}
