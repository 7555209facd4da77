import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  flashcardSchema,
  questionSchema,
  rubricSchema,
} from "@/lib/content/schema";
import { loadContentOrThrow } from "@/lib/content/load";
import {
  flashcardFileOf,
  flashcardFormOf,
  numberFromText,
  questionFileOf,
  questionFormOf,
  rubricFileOf,
  rubricFormOf,
  tagsOf,
} from "@/lib/authoring/to-file";

const contentFolder = path.resolve(import.meta.dirname, "../../../content");

describe("form and file conversions", () => {
  it("every question of content/ survives file → form → file", async () => {
    const bundle = await loadContentOrThrow(contentFolder);
    let count = 0;
    for (const drill of bundle.drills) {
      for (const question of drill.questions) {
        const again = questionSchema.parse(
          questionFileOf(questionFormOf(question, "drill-id")),
        );
        expect(again, `${drill.slug}/${question.slug}`).toEqual(question);
        count++;
      }
    }
    expect(count).toBeGreaterThan(20);
  });

  it("every rubric and card of content/ survives file → form → file", async () => {
    const bundle = await loadContentOrThrow(contentFolder);
    for (const drill of bundle.drills) {
      if (!drill.rubric) continue;
      expect(
        rubricSchema.parse(rubricFileOf(rubricFormOf(drill.rubric))),
      ).toEqual(drill.rubric);
    }
    for (const deck of bundle.decks) {
      for (const card of deck.cards) {
        expect(
          flashcardSchema.parse(
            flashcardFileOf(flashcardFormOf(card, "deck-id")),
          ),
        ).toEqual(card);
      }
    }
  });

  it("numbers typed as text", () => {
    expect(numberFromText("")).toBeUndefined();
    expect(numberFromText("  ")).toBeUndefined();
    expect(numberFromText(" 0.05 ")).toBe(0.05);
    expect(numberFromText("1e3")).toBe(1000);
    expect(numberFromText("ten")).toBe("ten");
    expect(numberFromText("Infinity")).toBe("Infinity");
  });

  it("tags split on commas and spaces", () => {
    expect(tagsOf("a, b  c,,d")).toEqual(["a", "b", "c", "d"]);
    expect(tagsOf(" ")).toEqual([]);
  });

  it("leaves empty optional fields out of the file", () => {
    const file = questionFileOf({
      ...questionFormOf(
        {
          slug: "q",
          kind: "numeric",
          prompt: "p",
          answer: 1,
          tolerance: { relative: 0.1 },
          explanation: "e",
        },
        "d",
      ),
      unit: " ",
    });
    expect(file).toEqual({
      slug: "q",
      kind: "numeric",
      prompt: "p",
      answer: 1,
      tolerance: { relative: 0.1 },
      explanation: "e",
    });
  });
});
