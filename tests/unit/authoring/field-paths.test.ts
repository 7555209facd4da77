import { describe, expect, it } from "vitest";

import {
  flashcardFieldKey,
  parseFieldPath,
  questionFieldKey,
  rubricFieldKey,
  stripPrefix,
} from "@/lib/authoring/field-paths";

describe("field paths", () => {
  it("parses formatted paths", () => {
    expect(parseFieldPath("questions[2].answer.metric")).toEqual([
      "questions",
      2,
      "answer",
      "metric",
    ]);
    expect(parseFieldPath("")).toEqual([]);
    expect(parseFieldPath("criteria[0].concepts[1].phrases[3]")).toEqual([
      "criteria",
      0,
      "concepts",
      1,
      "phrases",
      3,
    ]);
  });

  it("strips a prefix or returns null", () => {
    expect(stripPrefix(["questions", 2, "prompt"], ["questions", 2])).toEqual([
      "prompt",
    ]);
    expect(
      stripPrefix(["questions", 3, "prompt"], ["questions", 2]),
    ).toBeNull();
    expect(stripPrefix(["slug"], ["questions", 2])).toBeNull();
  });

  const questionCases: [string, (string | number)[], string][] = [
    ["numeric", ["tolerance", "absolute"], "tolerance"],
    ["numeric", ["tolerance"], "tolerance"],
    ["multiple_choice", ["correct", 1], "correct"],
    ["multiple_choice", ["options", 1, "id"], "options[1].id"],
    ["lab", ["answer", "metric"], "metric"],
    ["lab", ["answer", "tolerance", "relative"], "tolerance"],
    ["lab", ["answer", "options", 0, "text"], "options[0].text"],
    ["lab", ["answer", "rule"], "rule"],
    ["lab", ["answer", "type"], "labAnswerType"],
    ["numeric", ["answer"], "answer"],
    ["free_text", ["criteria", 2], "criteria"],
    ["numeric", [], "_"],
  ];
  for (const [kind, path, key] of questionCases) {
    it(`question ${kind} ${JSON.stringify(path)} → ${key}`, () => {
      expect(questionFieldKey(path, kind)).toBe(key);
    });
  }

  it("rubric phrases and card tags share one key per list", () => {
    expect(rubricFieldKey(["criteria", 0, "concepts", 1, "phrases", 2])).toBe(
      "criteria[0].concepts[1].phrases",
    );
    expect(rubricFieldKey(["criteria", 1, "points"])).toBe(
      "criteria[1].points",
    );
    expect(flashcardFieldKey(["tags", 3])).toBe("tags");
    expect(flashcardFieldKey(["front"])).toBe("front");
  });
});
