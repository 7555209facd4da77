import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InvalidAnswerError, InvalidSpecError } from "@/lib/grading/errors";
import {
  gradeLabAnswer,
  LabResultError,
  readMetric,
  type LabRules,
  type LabSpec,
} from "@/lib/grading/lab";

const hint = "Look at the ROC-AUC row of the logistic regression model.";

function numericSpec(tolerance: {
  absolute?: number;
  relative?: number;
}): LabSpec {
  return {
    kind: "lab",
    lab: "imbalance",
    hint,
    answer: {
      type: "numeric",
      metric: "metrics.logistic_regression.roc_auc",
      tolerance,
    },
  };
}

const choiceSpec: LabSpec = {
  kind: "lab",
  lab: "imbalance",
  hint: "Compare recall with and without class weights.",
  answer: {
    type: "choice",
    options: [
      { id: "weighted", text: "The class-weighted model" },
      { id: "unweighted", text: "The unweighted model" },
    ],
    rule: "higher-recall",
  },
};

const rules: LabRules = {
  "higher-recall": (result) => {
    const { weighted, unweighted } = (
      result as {
        recall: { weighted: number; unweighted: number };
      }
    ).recall;
    return weighted >= unweighted ? "weighted" : "unweighted";
  },
};

function runWithAuc(auc: number) {
  return { metrics: { logistic_regression: { roc_auc: auc } } };
}

describe("gradeLabAnswer", () => {
  const spec = numericSpec({ absolute: 0.005 });

  it("accepts a value within tolerance of the run's metric", () => {
    const result = gradeLabAnswer(
      spec,
      { labRunId: "run-1", value: "0.8312" },
      runWithAuc(0.8347),
      rules,
    );
    expect(result.correct).toBe(true);
    expect(result.score).toBe(1);
    expect(result.hint).toBeUndefined();
  });

  it("reads a percentage against a fractional metric", () => {
    const result = gradeLabAnswer(
      spec,
      { labRunId: "run-1", value: "83.5%" },
      runWithAuc(0.8347),
      rules,
    );
    expect(result.correct).toBe(true);
  });

  it("returns the hint for a wrong value", () => {
    const result = gradeLabAnswer(
      spec,
      { labRunId: "run-1", value: "0.79" },
      runWithAuc(0.8347),
      rules,
    );
    expect(result.correct).toBe(false);
    expect(result.hint).toBe(hint);
  });

  // A wrong answer's result must be the same whatever the expected value
  // is, so nothing in it can reveal that value.
  it("never shows the expected value on a wrong answer", () => {
    const far = (a: number, b: number) => Math.abs(a - b) > 0.01;
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (given, expected, otherExpected) => {
          fc.pre(far(given, expected) && far(given, otherExpected));
          const answer = { labRunId: "run-1", value: String(given) };
          const first = gradeLabAnswer(
            spec,
            answer,
            runWithAuc(expected),
            rules,
          );
          const second = gradeLabAnswer(
            spec,
            answer,
            runWithAuc(otherExpected),
            rules,
          );
          expect(first.correct).toBe(false);
          expect(first).toEqual(second);
          expect(first.summary).not.toContain(String(expected));
        },
      ),
    );
  });

  it("grades a choice by the named rule", () => {
    const run = { recall: { weighted: 0.71, unweighted: 0.12 } };
    const right = gradeLabAnswer(
      choiceSpec,
      { labRunId: "r", choice: "weighted" },
      run,
      rules,
    );
    const wrong = gradeLabAnswer(
      choiceSpec,
      { labRunId: "r", choice: "unweighted" },
      run,
      rules,
    );
    expect(right.correct).toBe(true);
    expect(wrong.correct).toBe(false);
    expect(wrong.hint).toBe(choiceSpec.hint);
    expect(JSON.stringify(wrong.details)).not.toContain('"weighted"');
    expect(wrong.summary).not.toContain("weighted");
  });

  it("follows the rule on a different run", () => {
    const run = { recall: { weighted: 0.1, unweighted: 0.3 } };
    const result = gradeLabAnswer(
      choiceSpec,
      { labRunId: "r", choice: "unweighted" },
      run,
      rules,
    );
    expect(result.correct).toBe(true);
  });

  it("requires a value for a numeric lab answer", () => {
    expect(() =>
      gradeLabAnswer(spec, { labRunId: "run-1" }, runWithAuc(0.8), rules),
    ).toThrow(InvalidAnswerError);
  });

  it("requires a choice for a choice lab answer", () => {
    expect(() =>
      gradeLabAnswer(choiceSpec, { labRunId: "r" }, {}, rules),
    ).toThrow(/choice/);
  });

  it("rejects an unknown rule", () => {
    expect(() =>
      gradeLabAnswer(choiceSpec, { labRunId: "r", choice: "weighted" }, {}, {}),
    ).toThrow(InvalidSpecError);
  });

  it("rejects a rule result that is not an option without revealing it", () => {
    const badRules: LabRules = { "higher-recall": () => "secret-id" };
    const grade = () =>
      gradeLabAnswer(
        choiceSpec,
        { labRunId: "r", choice: "weighted" },
        {},
        badRules,
      );
    expect(grade).toThrow(LabResultError);
    expect(grade).not.toThrow(/secret-id/);
  });

  it("rejects a run without the metric", () => {
    expect(() =>
      gradeLabAnswer(
        spec,
        { labRunId: "run-1", value: "0.8" },
        { metrics: {} },
        rules,
      ),
    ).toThrow(/no value at 'metrics.logistic_regression.roc_auc'/);
  });
});

describe("readMetric", () => {
  it("follows object keys and array indices", () => {
    const result = { folds: [{ auc: 0.7 }, { auc: 0.8 }] };
    expect(readMetric(result, "folds.1.auc")).toBe(0.8);
  });

  it.each([
    [{ a: { b: "0.8" } }, "a.b", /not a finite number/],
    [{ a: { b: null } }, "a.b", /not a finite number/],
    [{ a: null }, "a.b", /missing 'b'/],
    [null, "a", /missing 'a'/],
    [{ a: { toString: 1 } }, "a.constructor", /missing 'constructor'/],
  ])("rejects %j at %s", (result, path, message) => {
    expect(() => readMetric(result, path)).toThrow(message);
  });
});
