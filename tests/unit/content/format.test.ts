import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

import { bundleToFiles, toCanonicalYaml } from "@/lib/content/format";
import { deckFileSchema, drillFileSchema } from "@/lib/content/schema";

import { validBundle, validDeck, validDrill } from "./fixtures";

/** Text an author might write: any characters, at least one visible. */
const authorText = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 200 })
  .filter((value) => value.trim().length > 0);

/** Markdown-like text with line breaks, indentation and YAML-looking marks. */
const markdownText = fc
  .array(
    fc.oneof(
      authorText,
      fc.constantFrom(
        "- item",
        "  indented",
        "key: value",
        "# heading",
        "",
        "`code`",
        "> quote",
      ),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((lines) => lines.join("\n"))
  .filter((value) => value.trim().length > 0);

describe("canonical YAML", () => {
  it("puts keys in schema order whatever order they came in", () => {
    const drill = validDrill();
    const reversed = Object.fromEntries(Object.entries(drill).reverse());
    const text = toCanonicalYaml(drillFileSchema.parse(reversed));

    expect(text.split("\n")[0]).toBe("slug: class-imbalance");
    expect(text).toBe(toCanonicalYaml(drillFileSchema.parse(drill)));
  });

  it("writes tags and correct ids inline", () => {
    const files = bundleToFiles(validBundle());

    expect(files.get("decks/basics.yaml")).toContain("tags: [labels]");
    expect(files.get("drills/02-class-imbalance.yaml")).toContain(
      "correct: [a, c]",
    );
  });

  it("sorts topics by slug", () => {
    const bundle = validBundle();
    bundle.topics.reverse();
    const text = bundleToFiles(bundle).get("topics.yaml")!;

    expect(text.indexOf("class-imbalance")).toBeLessThan(
      text.indexOf("labeling"),
    );
  });

  it("round-trips any prompt and explanation text exactly", () => {
    fc.assert(
      fc.property(markdownText, authorText, (prompt, explanation) => {
        const drill = validDrill();
        drill.prompt = prompt;
        drill.questions[0].explanation = explanation;

        const text = toCanonicalYaml(drillFileSchema.parse(drill));
        const reparsed = drillFileSchema.parse(parse(text));

        expect(reparsed.prompt).toBe(prompt);
        expect(reparsed.questions[0].explanation).toBe(explanation);
        expect(toCanonicalYaml(reparsed)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips any card text exactly", () => {
    fc.assert(
      fc.property(authorText, markdownText, (front, back) => {
        const deck = validDeck();
        deck.cards[0].front = front;
        deck.cards[0].back = back;

        const text = toCanonicalYaml(deckFileSchema.parse(deck));
        const reparsed = deckFileSchema.parse(parse(text));

        expect(reparsed.cards[0]).toEqual(deck.cards[0]);
        expect(toCanonicalYaml(reparsed)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
