import { describe, expect, it } from "vitest";

import type { RubricCriterionSpec } from "@/lib/grading/spec";
import { scoreAnswerText, scoreNumericEstimate } from "@/lib/mock/auto-score";
import { combineCriterionScores, levelOf } from "@/lib/mock/criterion-results";
import { minQuestionSeconds } from "@/lib/mock/limits";
import { shuffled } from "@/lib/mock/start";

const criteria: RubricCriterionSpec[] = [
  {
    key: "metrics",
    level: "E5",
    description: "Uses precision and recall.",
    points: 1,
    concepts: [{ name: "metric", phrases: ["precision", "recall"] }],
  },
  {
    key: "resampling",
    level: "E5",
    description: "Proposes resampling.",
    points: 1,
    concepts: [{ name: "resampling", phrases: ["oversampling"] }],
  },
  {
    key: "calibration",
    level: "E6",
    description: "Recalibrates.",
    points: 1,
    concepts: [{ name: "calibration", phrases: ["recalibrate"] }],
  },
];

describe("scoreAnswerText", () => {
  it("records the learner's words as evidence", () => {
    const scores = scoreAnswerText(
      "I would track Recall, then try oversampling.",
      criteria,
    );
    expect(scores.map((score) => score.met)).toEqual([true, true, false]);
    expect(scores[0].evidence).toEqual([
      { concept: "metric", phrase: "recall", text: "Recall" },
    ]);
  });

  it("does not credit a negated concept", () => {
    const [, resampling] = scoreAnswerText(
      "I would not use oversampling here.",
      criteria,
    );
    expect(resampling.met).toBe(false);
    expect(resampling.unearned[0]?.reason).toBe("negated");
  });

  it("meets nothing for an empty answer", () => {
    const scores = scoreAnswerText("   ", criteria);
    expect(
      scores.every((score) => !score.met && score.evidence.length === 0),
    ).toBe(true);
  });
});

describe("combineCriterionScores", () => {
  it("lets an instructor's score replace the automatic one", () => {
    const auto = scoreAnswerText("precision and oversampling", criteria);
    const results = combineCriterionScores(
      criteria,
      auto,
      { calibration: true },
      new Map([
        [
          "resampling",
          {
            met: false,
            comment: "Only named it.",
            instructorName: "I",
            at: new Date(0),
          },
        ],
      ]),
    );
    const resampling = results.find((result) => result.key === "resampling")!;
    expect(resampling.automatic.met).toBe(true);
    expect(resampling.met).toBe(false);
    // The self-assessment is kept but never counted.
    const calibration = results.find((result) => result.key === "calibration")!;
    expect(calibration.self).toBe(true);
    expect(calibration.met).toBe(false);
    // E5: 1 of 2 met after the override, so below E5.
    expect(levelOf(results).level).toBe("BELOW_E5");
  });

  it("treats missing automatic scores as missed", () => {
    const results = combineCriterionScores(criteria, null, null, new Map());
    expect(results.every((result) => !result.met && result.self === null)).toBe(
      true,
    );
  });
});

describe("scoreNumericEstimate", () => {
  const spec = {
    kind: "numeric" as const,
    answer: 1000,
    unit: "GB",
    tolerance: { relative: 0.5 },
  };

  it("grades an estimate with its unit", () => {
    const result = scoreNumericEstimate("1.2 TB", spec);
    expect(result.status).toBe("graded");
    if (result.status === "graded") expect(result.correct).toBe(true);
  });

  it("reports an unreadable estimate", () => {
    expect(scoreNumericEstimate("lots", spec).status).toBe("invalid");
  });

  it("reports a missing estimate", () => {
    expect(scoreNumericEstimate(null, spec).status).toBe("missing");
    expect(scoreNumericEstimate("  ", spec).status).toBe("missing");
  });
});

describe("minQuestionSeconds", () => {
  it("ignores the override in production", () => {
    expect(
      minQuestionSeconds({
        NODE_ENV: "production",
        MOCK_MIN_QUESTION_SECONDS: "5",
      }),
    ).toBe(60);
  });

  it("honours the override elsewhere", () => {
    expect(
      minQuestionSeconds({ NODE_ENV: "test", MOCK_MIN_QUESTION_SECONDS: "10" }),
    ).toBe(10);
  });

  it("rejects overrides below 5 s", () => {
    expect(
      minQuestionSeconds({ NODE_ENV: "test", MOCK_MIN_QUESTION_SECONDS: "1" }),
    ).toBe(60);
  });
});

describe("shuffled", () => {
  it("returns a permutation", () => {
    let seed = 3;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const items = [1, 2, 3, 4, 5, 6];
    const result = shuffled(items, random);
    expect([...result].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
