import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InvalidAnswerError, InvalidSpecError } from "@/lib/grading/errors";
import {
  gradeMultipleChoice,
  type MultipleChoiceDetails,
  type MultipleChoiceSpec,
} from "@/lib/grading/multiple-choice";
import {
  gradeSingleChoice,
  type SingleChoiceSpec,
} from "@/lib/grading/single-choice";

const single: SingleChoiceSpec = {
  kind: "single_choice",
  options: [
    { id: "logistic-regression", text: "Logistic regression" },
    { id: "deep-network", text: "A deep neural network" },
    { id: "random", text: "Random prediction" },
  ],
  correct: "logistic-regression",
};

describe("gradeSingleChoice", () => {
  it.each([
    ["logistic-regression", 1, true],
    ["deep-network", 0, false],
    ["random", 0, false],
  ])("choice %s scores %d", (choice, score, correct) => {
    const result = gradeSingleChoice(single, { choice });
    expect(result.score).toBe(score);
    expect(result.correct).toBe(correct);
  });

  it("marks the selected and correct option", () => {
    const result = gradeSingleChoice(single, { choice: "random" });
    expect(result.details).toMatchObject({
      choice: "random",
      correctOption: "logistic-regression",
    });
  });

  it("rejects an unknown option by name", () => {
    expect(() => gradeSingleChoice(single, { choice: "svm" })).toThrow(
      InvalidAnswerError,
    );
    expect(() => gradeSingleChoice(single, { choice: "svm" })).toThrow(/'svm'/);
  });

  it("rejects a key that is not an option", () => {
    const broken = { ...single, correct: "svm" };
    expect(() => gradeSingleChoice(broken, { choice: "random" })).toThrow(
      InvalidSpecError,
    );
  });
});

// Drill 2: two mitigations for a 0.1% fraud rate.
const multiple: MultipleChoiceSpec = {
  kind: "multiple_choice",
  options: [
    { id: "class-weights", text: "Class weights in the loss" },
    { id: "oversampling", text: "Oversample the minority class" },
    { id: "focal-loss", text: "Focal loss" },
    { id: "accuracy", text: "Optimize accuracy" },
    { id: "drop-frauds", text: "Drop the fraud rows" },
  ],
  correct: ["class-weights", "oversampling", "focal-loss"],
};

describe("gradeMultipleChoice", () => {
  // score = max(0, hits/3 − wrongPicks/2)
  it.each([
    [["class-weights", "oversampling", "focal-loss"], 1, true],
    [["class-weights", "oversampling"], 2 / 3, false],
    [["class-weights"], 1 / 3, false],
    [
      ["class-weights", "oversampling", "focal-loss", "accuracy"],
      1 - 1 / 2,
      false,
    ],
    [["class-weights", "accuracy"], 0, false],
    [["accuracy", "drop-frauds"], 0, false],
    [[], 0, false],
    [
      [
        "class-weights",
        "oversampling",
        "focal-loss",
        "accuracy",
        "drop-frauds",
      ],
      0,
      false,
    ],
  ])("choices %j score %f", (choices, score, correct) => {
    const result = gradeMultipleChoice(multiple, { choices });
    expect(result.score).toBeCloseTo(score, 12);
    expect(result.correct).toBe(correct);
  });

  it("reports an outcome per option", () => {
    const result = gradeMultipleChoice(multiple, {
      choices: ["class-weights", "accuracy"],
    });
    const details = result.details as MultipleChoiceDetails;
    const outcomes = Object.fromEntries(
      details.options.map((option) => [option.id, option.outcome]),
    );
    expect(outcomes).toEqual({
      "class-weights": "hit",
      oversampling: "missed",
      "focal-loss": "missed",
      accuracy: "wrong_pick",
      "drop-frauds": "correct_rejection",
    });
  });

  it("has no penalty when every option is correct", () => {
    const allCorrect: MultipleChoiceSpec = {
      ...multiple,
      correct: multiple.options.map((option) => option.id),
    };
    const result = gradeMultipleChoice(allCorrect, { choices: ["accuracy"] });
    expect(result.score).toBeCloseTo(1 / 5, 12);
  });

  it("rejects a repeated option", () => {
    expect(() =>
      gradeMultipleChoice(multiple, { choices: ["accuracy", "accuracy"] }),
    ).toThrow(/'accuracy' is selected twice/);
  });

  it("rejects an unknown option", () => {
    expect(() => gradeMultipleChoice(multiple, { choices: ["smote"] })).toThrow(
      /'smote' is not an option/,
    );
  });

  const ids = multiple.options.map((option) => option.id);
  const subset = fc.subarray(ids);

  it("keeps the score in [0, 1]", () => {
    fc.assert(
      fc.property(subset, (choices) => {
        const { score } = gradeMultipleChoice(multiple, { choices });
        return score >= 0 && score <= 1;
      }),
    );
  });

  it("never rewards an extra wrong pick", () => {
    const wrong = ["accuracy", "drop-frauds"];
    fc.assert(
      fc.property(subset, fc.constantFrom(...wrong), (choices, extra) => {
        fc.pre(!choices.includes(extra));
        const before = gradeMultipleChoice(multiple, { choices }).score;
        const after = gradeMultipleChoice(multiple, {
          choices: [...choices, extra],
        }).score;
        return after <= before;
      }),
    );
  });

  it("never penalizes an extra right pick", () => {
    fc.assert(
      fc.property(
        subset,
        fc.constantFrom(...multiple.correct),
        (choices, extra) => {
          fc.pre(!choices.includes(extra));
          const before = gradeMultipleChoice(multiple, { choices }).score;
          const after = gradeMultipleChoice(multiple, {
            choices: [...choices, extra],
          }).score;
          return after >= before;
        },
      ),
    );
  });

  it("does not depend on pick order", () => {
    fc.assert(
      fc.property(subset, (choices) => {
        const forward = gradeMultipleChoice(multiple, { choices }).score;
        const backward = gradeMultipleChoice(multiple, {
          choices: [...choices].reverse(),
        }).score;
        return forward === backward;
      }),
    );
  });
});
