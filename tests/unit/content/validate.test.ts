import { describe, expect, it } from "vitest";

import type { ContentProblem } from "@/lib/content/problems";
import type { ContentBundle } from "@/lib/content/schema";
import { validateBundle } from "@/lib/content/validate";

import { testLabs, validBundle } from "./fixtures";

/** Breaks a valid bundle in one place. */
type Breakage = (bundle: ContentBundle) => void;

interface BadCase {
  name: string;
  breakage: Breakage;
  file: string;
  path: string;
  message: RegExp;
}

const drillFile = "drills/02-class-imbalance.yaml";
// Any is needed to put values into a bundle that its types forbid.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const badCases: BadCase[] = [
  {
    name: "unknown kind",
    breakage: (b) => ((b.drills[0].questions[0] as Loose).kind = "essay"),
    file: drillFile,
    path: "questions[0].kind",
    message: /unknown kind "essay": use one of single_choice, .*lab/,
  },
  {
    name: "tolerance without a bound",
    breakage: (b) => ((b.drills[0].questions[2] as Loose).tolerance = {}),
    file: drillFile,
    path: "questions[2].tolerance",
    message: /give an absolute or a relative tolerance/,
  },
  {
    name: "negative tolerance",
    breakage: (b) =>
      ((b.drills[0].questions[2] as Loose).tolerance = { absolute: -1 }),
    file: drillFile,
    path: "questions[2].tolerance.absolute",
    message: /at least 0/,
  },
  {
    name: "missing explanation",
    breakage: (b) => delete (b.drills[0].questions[1] as Loose).explanation,
    file: drillFile,
    path: "questions[1].explanation",
    message: /missing: add this field/,
  },
  {
    name: "missing kind",
    breakage: (b) => delete (b.drills[0].questions[1] as Loose).kind,
    file: drillFile,
    path: "questions[1].kind",
    message: /missing: add a kind/,
  },
  {
    name: "unknown field",
    breakage: (b) => ((b.drills[0].questions[0] as Loose).hint = "extra"),
    file: drillFile,
    path: "questions[0].hint",
    message: /unknown field "hint"/,
  },
  {
    name: "duplicate question slug",
    breakage: (b) => (b.drills[0].questions[1].slug = "pick-one"),
    file: drillFile,
    path: "questions[1].slug",
    message: /"pick-one" is already used by question 1/,
  },
  {
    name: "rubric without criteria",
    breakage: (b) => (b.drills[0].rubric!.criteria = []),
    file: drillFile,
    path: "rubric.criteria",
    message: /a rubric needs at least one criterion/,
  },
  {
    name: "ordering with a duplicate item id",
    breakage: (b) =>
      ((b.drills[0].questions[3] as Loose).items[1].id = "first"),
    file: drillFile,
    path: "questions[3].items[1].id",
    message: /item id "first" is already used by item 1/,
  },
  {
    name: "ordering with a duplicate item text",
    breakage: (b) =>
      ((b.drills[0].questions[3] as Loose).items[1].text = "First"),
    file: drillFile,
    path: "questions[3].items[1].text",
    message: /item text repeats item 1/,
  },
  {
    name: "single choice with a wrong correct id",
    breakage: (b) => ((b.drills[0].questions[0] as Loose).correct = "z"),
    file: drillFile,
    path: "questions[0].correct",
    message: /"z" is not an option id: use one of a, b/,
  },
  {
    name: "multiple choice with a wrong correct id",
    breakage: (b) => ((b.drills[0].questions[1] as Loose).correct = ["a", "q"]),
    file: drillFile,
    path: "questions[1].correct[1]",
    message: /"q" is not an option id/,
  },
  {
    name: "unknown unit",
    breakage: (b) => ((b.drills[0].questions[2] as Loose).unit = "furlongs"),
    file: drillFile,
    path: "questions[2].unit",
    message: /unknown unit "furlongs"/,
  },
  {
    name: "free text without any rubric",
    breakage: (b) => delete b.drills[0].rubric,
    file: drillFile,
    path: "questions[4]",
    message: /a free_text question needs a rubric/,
  },
  {
    name: "free text naming a missing rubric",
    breakage: (b) => ((b.drills[0].questions[4] as Loose).rubric = "nowhere"),
    file: drillFile,
    path: "questions[4].rubric",
    message: /no rubric with slug "nowhere"/,
  },
  {
    name: "free text naming a missing criterion",
    breakage: (b) =>
      ((b.drills[0].questions[4] as Loose).criteria = ["metrics", "speed"]),
    file: drillFile,
    path: "questions[4].criteria[1]",
    message: /the rubric has no criterion "speed"/,
  },
  {
    name: "phrase in upper case",
    breakage: (b) =>
      (b.drills[0].rubric!.criteria[0].concepts[0].phrases[0] = "Precision"),
    file: drillFile,
    path: "rubric.criteria[0].concepts[0].phrases[0]",
    message: /lowercase/,
  },
  {
    name: "phrase of common words only",
    breakage: (b) =>
      (b.drills[0].rubric!.criteria[0].concepts[0].phrases[1] = "of the"),
    file: drillFile,
    path: "rubric.criteria[0].concepts[0].phrases[1]",
    message: /no words to match/,
  },
  {
    name: "duplicate criterion key",
    breakage: (b) => (b.drills[0].rubric!.criteria[1].key = "metrics"),
    file: drillFile,
    path: "rubric.criteria[1].key",
    message: /criterion key "metrics" is already used/,
  },
  {
    name: "unknown topic",
    breakage: (b) => (b.drills[0].topic = "astrology"),
    file: drillFile,
    path: "topic",
    message: /no topic with slug "astrology"/,
  },
  {
    name: "unknown lab",
    breakage: (b) => ((b.drills[0].questions[5] as Loose).lab = "no-such-lab"),
    file: drillFile,
    path: "questions[5].lab",
    message: /no lab with slug "no-such-lab"/,
  },
  {
    name: "unknown lab rule",
    breakage: (b) =>
      ((b.drills[0].questions[5] as Loose).answer.rule = "guess"),
    file: drillFile,
    path: "questions[5].answer.rule",
    message: /has no rule "guess"/,
  },
  {
    name: "level outside E5 and E6",
    breakage: (b) => ((b.decks[0].cards[0] as Loose).level = "E7"),
    file: "decks/basics.yaml",
    path: "cards[0].level",
    message: /"E7" is not allowed: use one of E5, E6/,
  },
  {
    name: "card without tags",
    breakage: (b) => (b.decks[0].cards[0].tags = []),
    file: "decks/basics.yaml",
    path: "cards[0].tags",
    message: /give at least one tag/,
  },
  {
    name: "duplicate card slug across decks",
    breakage: (b) =>
      b.decks.push({ ...structuredClone(b.decks[0]), slug: "more" }),
    file: "decks/more.yaml",
    path: "cards[0].slug",
    message: /card slug "card-one" is already used in decks\/basics.yaml/,
  },
  {
    name: "duplicate drill number",
    breakage: (b) =>
      b.drills.push({
        ...structuredClone(b.drills[0]),
        slug: "other",
        rubric: undefined,
        questions: [structuredClone(b.drills[0].questions[0])],
      }),
    file: "drills/02-other.yaml",
    path: "number",
    message:
      /drill number "2" is already used in drills\/02-class-imbalance.yaml/,
  },
  {
    name: "NUL character in text",
    breakage: (b) => (b.drills[0].questions[3].explanation = "Be\u0000cause."),
    file: drillFile,
    path: "questions[3].explanation",
    message: /NUL character/,
  },
  {
    name: "duplicate topic slug",
    breakage: (b) => b.topics.push({ slug: "labeling", title: "Again" }),
    file: "topics.yaml",
    path: "topics[2].slug",
    message: /topic slug "labeling" is already used earlier in this file/,
  },
];

function problemsOf(bundle: ContentBundle): ContentProblem[] {
  return validateBundle(bundle, testLabs);
}

describe("validateBundle", () => {
  it("accepts the valid fixture", () => {
    expect(problemsOf(validBundle())).toEqual([]);
  });

  it.each(badCases)("rejects $name", ({ breakage, file, path, message }) => {
    const bundle = validBundle();
    breakage(bundle);
    const problems = problemsOf(bundle);

    const matching = problems.filter(
      (problem) => problem.file === file && problem.path === path,
    );
    expect(matching, JSON.stringify(problems, null, 2)).toHaveLength(1);
    expect(matching[0].message).toMatch(message);
  });

  // Cross-file checks skip files that fail their own schema, so the
  // cross-file case here breaks topics.yaml, which stays schema-valid.
  it("reports every problem at once", () => {
    const chosen = [
      "unknown kind",
      "negative tolerance",
      "missing explanation",
      "ordering with a duplicate item id",
      "card without tags",
      "duplicate topic slug",
    ];
    const bundle = validBundle();
    const cases = badCases.filter((badCase) => chosen.includes(badCase.name));
    for (const { breakage } of cases) breakage(bundle);
    const located = problemsOf(bundle).map(
      (problem) => `${problem.file} ${problem.path}`,
    );

    expect(cases).toHaveLength(chosen.length);
    for (const { file, path } of cases) {
      expect(located).toContain(`${file} ${path}`);
    }
  });

  it("accepts a free-text question naming another drill's rubric", () => {
    const bundle = validBundle();
    const second = structuredClone(bundle.drills[0]);
    second.slug = "second";
    second.number = 3;
    delete second.rubric;
    second.questions = [
      {
        slug: "explain",
        kind: "free_text",
        prompt: "Explain.",
        explanation: "Because.",
        rubric: "class-imbalance",
        criteria: ["threshold"],
      },
    ];
    bundle.drills.push(second);
    expect(problemsOf(bundle)).toEqual([]);
  });
});
