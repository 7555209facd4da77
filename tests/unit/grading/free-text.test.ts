import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InvalidSpecError } from "@/lib/grading/errors";
import {
  gradeFreeText,
  type FreeTextDetails,
  type FreeTextSpec,
} from "@/lib/grading/free-text";
import { estimateLevel } from "@/lib/grading/level";
import { validateRubric } from "@/lib/grading/rubric";
import type { RubricCriterionSpec } from "@/lib/grading/spec";

// A rubric for the class-imbalance drill (0.1% fraud rate).
const rubric: RubricCriterionSpec[] = [
  {
    key: "why-imbalance-hurts",
    level: "E5",
    description:
      "Explains that a model can reach high accuracy by predicting the majority class.",
    points: 1,
    concepts: [
      {
        name: "majority-class shortcut",
        phrases: [
          "predict majority class",
          "always predict not fraud",
          "predict no fraud",
          "99.9% accuracy",
        ],
      },
    ],
  },
  {
    key: "loss-side-mitigation",
    level: "E5",
    description: "Reweights the loss toward the minority class.",
    points: 1,
    concepts: [
      {
        name: "class weights",
        phrases: [
          "class weights",
          "class_weight",
          "loss weighting",
          "weight the minority class",
          "upweight fraud",
        ],
      },
      { name: "focal loss", phrases: ["focal loss"] },
    ],
  },
  {
    key: "data-side-mitigation",
    level: "E5",
    description: "Resamples the training data.",
    points: 1,
    concepts: [
      {
        name: "oversampling",
        phrases: ["oversample minority", "oversampling", "SMOTE"],
      },
      {
        name: "undersampling",
        phrases: ["undersample majority", "undersampling"],
      },
    ],
  },
  {
    key: "metrics-beyond-accuracy",
    level: "E5",
    description:
      "Uses metrics that reflect the minority class instead of accuracy.",
    points: 1,
    concepts: [
      { name: "rejects accuracy", phrases: ["not(accuracy)"] },
      {
        name: "precision and recall",
        phrases: ["precision recall", "pr auc", "auprc", "f1"],
      },
    ],
  },
  {
    key: "tradeoffs-at-scale",
    level: "E6",
    description: "Compares resampling and reweighting at scale.",
    points: 2,
    concepts: [
      {
        name: "focal loss at scale",
        phrases: ["focal loss scale", "hard negatives"],
      },
      {
        name: "resampling cost",
        phrases: ["oversampling duplicates", "oversampling overfit"],
      },
    ],
  },
];

const spec: FreeTextSpec = { kind: "free_text" };

function details(text: string, question: FreeTextSpec = spec) {
  const result = gradeFreeText(question, { text }, rubric);
  return { result, details: result.details as FreeTextDetails };
}

function metKeys(text: string): string[] {
  return details(text)
    .details.criteria.filter((c) => c.met)
    .map((c) => c.key);
}

describe("gradeFreeText", () => {
  it("scores a strong answer fully", () => {
    const { result, details: d } = details(
      "With 0.1% fraud a model that always predicts not fraud gets 99.9% accuracy, " +
        "so I would not use accuracy. I'd report PR-AUC and recall at a fixed precision. " +
        "I'd set class_weight to balanced and try SMOTE. At scale focal loss focuses on " +
        "hard negatives, while oversampling duplicates rows and can overfit.",
    );
    expect(result.score).toBe(1);
    expect(result.correct).toBe(true);
    expect(d.earnedPoints).toBe(6);
    expect(d.totalPoints).toBe(6);
    expect(d.level.level).toBe("E6");
  });

  it("quotes the learner's exact words", () => {
    const text = "I'd add Class-Weights to the loss.";
    const { details: d } = details(text);
    const criterion = d.criteria.find((c) => c.key === "loss-side-mitigation");
    expect(criterion?.matches).toEqual([
      {
        concept: "class weights",
        phrase: "class weights",
        text: "Class-Weights",
        start: text.indexOf("Class-Weights"),
        end: text.indexOf("Class-Weights") + "Class-Weights".length,
      },
    ]);
  });

  // [answer, criteria met]
  it.each<[string, string[]]>([
    ["I would not use accuracy.", ["metrics-beyond-accuracy"]],
    ["Use accuracy.", []],
    ["Accuracy is misleading here.", ["metrics-beyond-accuracy"]],
    ["Don't use class weights.", []],
    ["Weighting the minority classes more.", ["loss-side-mitigation"]],
    ["Over-sampling the minority class.", ["data-side-mitigation"]],
    ["Never oversample; use focal loss.", ["loss-side-mitigation"]],
    ["Don't bother with SMOTE or oversampling.", []],
    [
      "Instead of accuracy, look at precision and recall.",
      ["metrics-beyond-accuracy"],
    ],
  ])("%j meets %j", (text, expected) => {
    expect(metKeys(text)).toEqual(expected);
  });

  it("lists negated mentions that earned nothing", () => {
    const { details: d } = details("Don't use class weights.");
    const criterion = d.criteria.find((c) => c.key === "loss-side-mitigation");
    expect(criterion?.met).toBe(false);
    expect(criterion?.unearnedMentions).toMatchObject([
      { text: "class weights", reason: "negated" },
    ]);
  });

  it("lists endorsed mentions of not(...) phrases", () => {
    const { details: d } = details("Report accuracy.");
    const criterion = d.criteria.find(
      (c) => c.key === "metrics-beyond-accuracy",
    );
    expect(criterion?.unearnedMentions).toMatchObject([
      { text: "accuracy", reason: "not_rejected" },
    ]);
  });

  it("weights the score by points", () => {
    const { result, details: d } = details(
      "Focal loss handles hard negatives.",
    );
    // loss-side (1 point) and tradeoffs-at-scale (2 points) of 6.
    expect(d.earnedPoints).toBe(3);
    expect(result.score).toBeCloseTo(3 / 6, 12);
    expect(result.correct).toBe(false);
    expect(result.summary).toBe(
      "You met 2 of 5 criteria (1 of 4 E5 and 1 of 1 E6) for 3 of 6 points.",
    );
  });

  it("grades only the criteria the question names", () => {
    const question: FreeTextSpec = {
      kind: "free_text",
      criteria: ["metrics-beyond-accuracy"],
    };
    const { result, details: d } = details(
      "I would not use accuracy.",
      question,
    );
    expect(d.criteria.map((c) => c.key)).toEqual(["metrics-beyond-accuracy"]);
    expect(result.score).toBe(1);
  });

  it("rejects a criterion key the rubric lacks", () => {
    const question: FreeTextSpec = { kind: "free_text", criteria: ["latency"] };
    expect(() => details("text", question)).toThrow(/'latency'/);
  });

  it("applies a custom passing score", () => {
    const result = gradeFreeText(
      spec,
      { text: "I would not use accuracy." },
      rubric,
      {
        passingScore: 1 / 6,
      },
    );
    expect(result.correct).toBe(true);
  });
});

describe("gradeFreeText negation over lists", () => {
  const listRubric: RubricCriterionSpec[] = [
    {
      key: "baseline",
      level: "E5",
      description: "Starts from a simple baseline model.",
      points: 1,
      concepts: [
        { name: "linear baseline", phrases: ["logistic regression baseline"] },
      ],
    },
    {
      key: "mitigation",
      level: "E5",
      description: "Counters the class imbalance.",
      points: 1,
      concepts: [
        { name: "oversampling", phrases: ["oversampling", "SMOTE"] },
        { name: "class weights", phrases: ["class weights"] },
      ],
    },
    {
      key: "minority-metrics",
      level: "E5",
      description: "Measures the minority class.",
      points: 1,
      concepts: [
        { name: "recall", phrases: ["recall"] },
        { name: "precision", phrases: ["precision"] },
      ],
    },
  ];

  function listMetKeys(text: string): string[] {
    const result = gradeFreeText(spec, { text }, listRubric);
    return (result.details as FreeTextDetails).criteria
      .filter((c) => c.met)
      .map((c) => c.key);
  }

  // [answer, criteria met]
  it.each<[string, string[]]>([
    ["No oversampling, no class weights.", []],
    ["Neither SMOTE nor class weights.", []],
    ["We would not use accuracy, precision or recall.", []],
    [
      "We would not report plain accuracy, macro precision, weighted recall or the F1 score.",
      [],
    ],
    ["Not only accuracy but also recall.", ["minority-metrics"]],
    ["Without tuning, logistic regression is a good baseline.", ["baseline"]],
    [
      "Without oversampling, logistic regression is a good baseline.",
      ["baseline"],
    ],
    ["No oversampling, class weights instead.", ["mitigation"]],
  ])("%j meets %j", (text, expected) => {
    expect(listMetKeys(text)).toEqual(expected);
  });

  it("quotes each negated list item", () => {
    const result = gradeFreeText(
      spec,
      { text: "We would not use accuracy, precision or recall." },
      listRubric,
    );
    const criterion = (result.details as FreeTextDetails).criteria.find(
      (c) => c.key === "minority-metrics",
    );
    expect(criterion?.unearnedMentions).toMatchObject([
      { concept: "recall", text: "recall", reason: "negated" },
      { concept: "precision", text: "precision", reason: "negated" },
    ]);
  });
});

describe("gradeFreeText properties", () => {
  // Every plain phrase of the rubric, with the criterion it belongs to.
  const phrases = rubric.flatMap((criterion) =>
    criterion.concepts.flatMap((concept) =>
      concept.phrases
        .filter((phrase) => !phrase.startsWith("not("))
        .map((phrase) => ({ key: criterion.key, phrase })),
    ),
  );
  const someOf = fc.subarray(phrases, { minLength: 1, maxLength: 5 });
  const rejectingCriteria = new Set(
    rubric
      .filter((criterion) =>
        criterion.concepts.some((concept) =>
          concept.phrases.some((phrase) => phrase.startsWith("not(")),
        ),
      )
      .map((criterion) => criterion.key),
  );

  it("credits each stated phrase's criterion", () => {
    fc.assert(
      fc.property(someOf, (chosen) => {
        const text = chosen
          .map(({ phrase }) => `I would use ${phrase}.`)
          .join(" ");
        const met = new Set(metKeys(text));
        for (const { key } of chosen) expect(met.has(key)).toBe(true);
      }),
    );
  });

  it("credits no negated phrase", () => {
    fc.assert(
      fc.property(someOf, (chosen) => {
        const text = chosen
          .map(({ phrase }) => `I would never use ${phrase}.`)
          .join(" ");
        // Rejecting a term may rightly earn a not(...) concept, and a
        // phrase that contains "not" is cancelled by "never".
        const negatable = new Set(
          chosen
            .filter(({ phrase }) => !/\bnot\b/.test(phrase))
            .map(({ key }) => key)
            .filter((key) => !rejectingCriteria.has(key)),
        );
        const met = metKeys(text).filter((key) => negatable.has(key));
        expect(met).toEqual([]);
      }),
    );
  });

  it("ignores case and punctuation", () => {
    fc.assert(
      fc.property(someOf, (chosen) => {
        const text = chosen.map(({ phrase }) => `we use ${phrase}`).join("; ");
        const shouted = text.toUpperCase().replaceAll(" ", "  ");
        expect(metKeys(shouted)).toEqual(metKeys(text));
      }),
    );
  });
});

describe("estimateLevel", () => {
  it.each<[boolean[], boolean[], "E5" | "E6" | null]>([
    [[true, true], [true], "E6"],
    [[true, true], [false], "E5"],
    [[true, false], [true], null],
    [[true, true], [], "E5"],
    [[], [true], "E6"],
    [[], [false], null],
  ])("E5 %j and E6 %j give %s", (e5, e6, level) => {
    const criteria = [
      ...e5.map((met, i) => ({ key: `e5-${i}`, level: "E5" as const, met })),
      ...e6.map((met, i) => ({ key: `e6-${i}`, level: "E6" as const, met })),
    ];
    expect(estimateLevel(criteria).level).toBe(level);
  });

  it("lists met and missed keys per level", () => {
    const estimate = estimateLevel([
      { key: "a", level: "E5", met: true },
      { key: "b", level: "E5", met: false },
      { key: "c", level: "E6", met: true },
    ]);
    expect(estimate.e5).toEqual({ met: ["a"], missed: ["b"] });
    expect(estimate.e6).toEqual({ met: ["c"], missed: [] });
  });
});

describe("validateRubric", () => {
  it("accepts the drill rubric", () => {
    expect(validateRubric(rubric)).toEqual([]);
  });

  it("lists every problem with its criterion", () => {
    const broken: RubricCriterionSpec[] = [
      { ...rubric[0], concepts: [] },
      { ...rubric[1], points: -1 },
      { ...rubric[2], concepts: [{ name: "empty", phrases: ["the"] }] },
      { ...rubric[3], key: rubric[2].key },
    ];
    const problems = validateRubric(broken);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(
      /criterion 'why-imbalance-hurts' has no concepts/,
    );
    expect(problems[1]).toMatch(
      /criterion 'loss-side-mitigation' has points -1/,
    );
    expect(problems[2]).toMatch(/concept 'empty': phrase 'the' has no words/);
    expect(problems[3]).toMatch(/'data-side-mitigation' appears twice/);
  });

  it("rejects a rubric worth no points", () => {
    const zero = rubric.map((criterion) => ({ ...criterion, points: 0 }));
    expect(() => gradeFreeText(spec, { text: "x" }, zero)).toThrow(
      InvalidSpecError,
    );
  });
});
