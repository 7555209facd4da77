import { InvalidAnswerError, InvalidSpecError } from "./errors";
import { requireSpecUnit } from "./numeric";
import { checkOptionKey, requireKnownOption } from "./options";
import { parseQuantity } from "./quantity";
import type { AnswerFor, GradeResult, QuestionSpec } from "./spec";
import { isWithinTolerance } from "./tolerance";

export type LabSpec = Extract<QuestionSpec, { kind: "lab" }>;

/**
 * Named functions that read a lab run's result and return the id of the
 * correct option for that run.
 */
export type LabRules = Record<string, (result: unknown) => string>;

/**
 * What a lab grade shows. It never contains the expected value or the
 * correct option, so a wrong answer cannot be corrected by reading it.
 */
export type LabDetails =
  | { type: "numeric"; labRunId: string; value: number; unit: string }
  | { type: "choice"; labRunId: string; choice: string };

/** The run result lacks the metric the question reads, or a rule failed. */
export class LabResultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabResultError";
  }
}

/**
 * Grades an answer about the learner's own lab run. For a numeric answer
 * the expected value is read from `runResult` at `spec.answer.metric` (a
 * dot path; numeric segments index arrays) and compared within the
 * spec's tolerance, in the spec's unit. For a choice answer the rule
 * `rules[spec.answer.rule]` computes the correct option id from the run.
 * A wrong answer gets `spec.hint`; neither the summary nor the details
 * nor any thrown message contain the expected value.
 *
 * @throws InvalidAnswerError when the value or choice is missing,
 *   unreadable or not an option.
 * @throws InvalidSpecError on an unknown unit or rule name.
 * @throws LabResultError when the run result lacks the metric or the
 *   rule returns an id that is not an option.
 */
export function gradeLabAnswer(
  spec: LabSpec,
  answer: AnswerFor<"lab">,
  runResult: unknown,
  rules: LabRules,
): GradeResult {
  const key = spec.answer;
  let correct: boolean;
  let details: LabDetails;

  if (key.type === "numeric") {
    if (answer.value === undefined || answer.value === "") {
      throw new InvalidAnswerError(
        "value",
        "enter the number you read from your lab run",
      );
    }
    const specUnit = requireSpecUnit(key.unit);
    const { value } = parseQuantity(answer.value, specUnit, "value");
    const expected = readMetric(runResult, key.metric);
    correct = isWithinTolerance(value, expected, key.tolerance);
    details = {
      type: "numeric",
      labRunId: answer.labRunId,
      value,
      unit: specUnit.symbol,
    };
  } else {
    if (answer.choice === undefined || answer.choice === "") {
      throw new InvalidAnswerError("choice", "choose one of the options");
    }
    checkOptionKey(key.options, []);
    requireKnownOption(key.options, answer.choice, "choice");
    const expected = applyRule(rules, key.rule, runResult);
    if (!key.options.some((option) => option.id === expected)) {
      throw new LabResultError(
        `lab rule '${key.rule}' returned an id that is not among the question's options`,
      );
    }
    correct = answer.choice === expected;
    details = {
      type: "choice",
      labRunId: answer.labRunId,
      choice: answer.choice,
    };
  }

  if (correct) {
    return {
      score: 1,
      correct,
      summary: "Correct: your answer matches your lab run.",
      details,
    };
  }
  return {
    score: 0,
    correct,
    summary:
      "Not quite: your answer does not match your lab run. Read the hint and look at the run again.",
    details,
    hint: spec.hint,
  };
}

/**
 * Reads a finite number from `result` at a dot path such as
 * "metrics.logistic_regression.roc_auc".
 *
 * @throws LabResultError naming the path when a segment is missing or the
 *   value there is not a finite number.
 */
export function readMetric(result: unknown, path: string): number {
  let current: unknown = result;
  for (const segment of path.split(".")) {
    if (
      current === null ||
      typeof current !== "object" ||
      !Object.hasOwn(current, segment)
    ) {
      throw new LabResultError(
        `the lab run result has no value at '${path}' (missing '${segment}'); check the question's metric path against the lab's result shape`,
      );
    }
    current = (current as Record<string, unknown>)[segment];
  }

  if (typeof current !== "number" || !Number.isFinite(current)) {
    throw new LabResultError(
      `the lab run result at '${path}' is not a finite number; point the metric path at a number`,
    );
  }
  return current;
}

function applyRule(rules: LabRules, name: string, result: unknown): string {
  const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
  if (!rule) {
    throw new InvalidSpecError(
      `no lab rule named '${name}'; the rules available are ${
        Object.keys(rules)
          .map((k) => `'${k}'`)
          .join(", ") || "none"
      }`,
    );
  }
  return rule(result);
}
