import { describe, expect, it } from "vitest";

import { InvalidAnswerError, InvalidSpecError } from "@/lib/grading/errors";
import { gradeAnswer } from "@/lib/grading/grade-answer";
import type { QuestionSpec, RubricCriterionSpec } from "@/lib/grading/spec";

const singleChoice: QuestionSpec = {
  kind: "single_choice",
  options: [
    { id: "data-parallel", text: "Data parallelism" },
    { id: "model-parallel", text: "Model parallelism" },
  ],
  correct: "data-parallel",
};

const rubric: RubricCriterionSpec[] = [
  {
    key: "parallelism-choice",
    level: "E5",
    description:
      "Picks data parallelism because 500M parameters fit on one GPU.",
    points: 1,
    concepts: [
      {
        name: "data parallelism",
        phrases: ["data parallelism", "data parallel"],
      },
    ],
  },
  {
    key: "gradient-sync",
    level: "E6",
    description: "Names how gradients are combined.",
    points: 1,
    concepts: [
      {
        name: "all-reduce",
        phrases: ["all reduce", "allreduce", "ring all-reduce"],
      },
      { name: "parameter server", phrases: ["parameter server"] },
    ],
  },
];

function fieldOf(grade: () => unknown): string | undefined {
  try {
    grade();
  } catch (error) {
    if (error instanceof InvalidAnswerError) return error.field;
    throw error;
  }
  return undefined;
}

describe("gradeAnswer", () => {
  it("dispatches on the spec kind", () => {
    expect(gradeAnswer(singleChoice, { choice: "data-parallel" }).correct).toBe(
      true,
    );
    expect(
      gradeAnswer(
        {
          kind: "numeric",
          answer: 2e9,
          unit: "bytes",
          tolerance: { relative: 0.01 },
        },
        { value: "2 GB" },
      ).correct,
    ).toBe(true);
    expect(
      gradeAnswer(
        {
          kind: "ordering",
          items: [
            { id: "a", text: "A" },
            { id: "b", text: "B" },
          ],
        },
        { order: ["b", "a"] },
      ).score,
    ).toBe(0);
  });

  it("grades free text with the rubric in context", () => {
    const result = gradeAnswer(
      { kind: "free_text" },
      {
        text: "Use data parallelism: the model fits on one GPU, so sync gradients with ring all-reduce.",
      },
      { rubric },
    );
    expect(result.score).toBe(1);
  });

  it("grades a lab answer against the given run", () => {
    const result = gradeAnswer(
      {
        kind: "lab",
        lab: "imbalance",
        hint: "Check the recall row.",
        answer: {
          type: "numeric",
          metric: "recall",
          tolerance: { absolute: 0.01 },
        },
      },
      { labRunId: "run-7", value: "0.42" },
      { labRun: { id: "run-7", result: { recall: 0.4213 } } },
    );
    expect(result.correct).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ["single_choice", {}, "choice"],
    ["single_choice", { choice: 3 }, "choice"],
    ["single_choice", { choice: "x", extra: 1 }, "answer"],
    ["single_choice", null, "answer"],
  ])("names the field of a bad %s answer %j", (_kind, answer, field) => {
    expect(fieldOf(() => gradeAnswer(singleChoice, answer))).toBe(field);
  });

  it("names the field of an empty free-text answer", () => {
    const grade = () =>
      gradeAnswer({ kind: "free_text" }, { text: "   " }, { rubric });
    expect(fieldOf(grade)).toBe("text");
    expect(grade).toThrow("text: write an answer");
  });

  it("names the field of an unreadable number", () => {
    const spec = { kind: "numeric", answer: 1, tolerance: { absolute: 0 } };
    expect(fieldOf(() => gradeAnswer(spec, { value: "abc" }))).toBe("value");
  });

  it("names the duplicated order item", () => {
    const spec = {
      kind: "ordering",
      items: [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
      ],
    };
    expect(() => gradeAnswer(spec, { order: ["a", "a"] })).toThrow(
      /item 'a' appears more than once; item 'b' is missing/,
    );
  });

  it("rejects an answer about another lab run", () => {
    const spec = {
      kind: "lab",
      lab: "imbalance",
      hint: "h",
      answer: {
        type: "numeric",
        metric: "recall",
        tolerance: { absolute: 0.01 },
      },
    };
    const grade = () =>
      gradeAnswer(
        spec,
        { labRunId: "run-1", value: "0.4" },
        {
          labRun: { id: "run-2", result: { recall: 0.4 } },
        },
      );
    expect(fieldOf(grade)).toBe("labRunId");
  });

  it.each<[string, unknown]>([
    ["an unknown kind", { kind: "essay" }],
    ["a missing tolerance", { kind: "numeric", answer: 1 }],
    ["a non-object", "single_choice"],
  ])("rejects a spec with %s", (_case, spec) => {
    expect(() => gradeAnswer(spec, { choice: "a" })).toThrow(InvalidSpecError);
  });

  it("requires the rubric for free text", () => {
    expect(() => gradeAnswer({ kind: "free_text" }, { text: "x" })).toThrow(
      /context.rubric/,
    );
  });

  it("requires the run for a lab answer", () => {
    const spec = {
      kind: "lab",
      lab: "imbalance",
      hint: "h",
      answer: {
        type: "numeric",
        metric: "recall",
        tolerance: { absolute: 0.01 },
      },
    };
    expect(() => gradeAnswer(spec, { labRunId: "r", value: "1" })).toThrow(
      /context.labRun/,
    );
  });
});
