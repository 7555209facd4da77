import { readFile } from "node:fs/promises";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { bundleToFiles } from "@/lib/content/format";
import { loadContent } from "@/lib/content/load";
import { formatProblem } from "@/lib/content/problems";
import type {
  ContentBundle,
  DrillFile,
  QuestionFile,
} from "@/lib/content/schema";
import { isWithinTolerance } from "@/lib/grading/tolerance";

const contentFolder = path.resolve(import.meta.dirname, "../../../content");

let bundle: ContentBundle;

beforeAll(async () => {
  const result = await loadContent(contentFolder);
  if (!result.ok) {
    throw new Error(result.problems.map(formatProblem).join("\n"));
  }
  bundle = result.bundle;
});

function drill(number: number): DrillFile {
  const found = bundle.drills.find((candidate) => candidate.number === number);
  if (!found) throw new Error(`drill ${number} not found`);
  return found;
}

function question(number: number, slug: string): QuestionFile {
  const found = drill(number).questions.find(
    (candidate) => candidate.slug === slug,
  );
  if (!found) throw new Error(`question ${slug} of drill ${number} not found`);
  return found;
}

/** Checks a numeric question's answer against a value computed here. */
function expectNumericAnswer(number: number, slug: string, reference: number) {
  const found = question(number, slug);
  if (found.kind !== "numeric") throw new Error(`${slug} is not numeric`);
  expect(isWithinTolerance(reference, found.answer, found.tolerance)).toBe(
    true,
  );
}

describe("content folder", () => {
  it("is in canonical form", async () => {
    for (const [relative, text] of bundleToFiles(bundle)) {
      const onDisk = await readFile(path.join(contentFolder, relative), "utf8");
      expect(
        onDisk,
        `${relative} is not canonical; run scripts/export-content.ts --from content --out content`,
      ).toBe(text);
    }
  });

  it("has the five drills in order", () => {
    expect(bundle.drills.map((d) => [d.number, d.slug])).toEqual([
      [1, "model-progression"],
      [2, "class-imbalance"],
      [3, "labeling-strategy"],
      [4, "distributed-training"],
      [5, "talking-points"],
    ]);
  });

  it("gives every drill five questions and every basic kind", () => {
    const kinds = [
      "single_choice",
      "multiple_choice",
      "numeric",
      "ordering",
      "free_text",
    ] as const;
    for (const drillFile of bundle.drills) {
      expect(drillFile.questions.length, drillFile.slug).toBeGreaterThanOrEqual(
        5,
      );
      const present = new Set(drillFile.questions.map((q) => q.kind));
      for (const kind of kinds)
        expect(present.has(kind), `${drillFile.slug} ${kind}`).toBe(true);
    }
  });

  it("grades a free-text question of every drill with its own rubric", () => {
    for (const drillFile of bundle.drills) {
      const own = drillFile.questions.filter(
        (q) =>
          q.kind === "free_text" &&
          (q.rubric ?? drillFile.rubric?.slug) === drillFile.rubric?.slug,
      );
      expect(drillFile.rubric, drillFile.slug).toBeDefined();
      expect(own.length, drillFile.slug).toBeGreaterThanOrEqual(1);
    }
  });

  it("has both E5 and E6 criteria in every rubric", () => {
    for (const drillFile of bundle.drills) {
      const levels = new Set(drillFile.rubric!.criteria.map((c) => c.level));
      expect([...levels].sort(), drillFile.slug).toEqual(["E5", "E6"]);
    }
  });

  it("backs drill 1 with the two lab questions", () => {
    const labQuestions = drill(1).questions.filter((q) => q.kind === "lab");
    expect(labQuestions).toHaveLength(2);

    const choice = labQuestions.find(
      (q) => q.kind === "lab" && q.answer.type === "choice",
    );
    const numeric = labQuestions.find(
      (q) => q.kind === "lab" && q.answer.type === "numeric",
    );
    if (choice?.kind !== "lab" || choice.answer.type !== "choice")
      throw new Error("no choice lab question");
    if (numeric?.kind !== "lab" || numeric.answer.type !== "numeric")
      throw new Error("no numeric lab question");

    expect(choice.lab).toBe("ctr-baseline-vs-lr");
    expect(choice.answer.rule).toBe("better-ranker-popularity-vs-lr");
    expect(choice.answer.options.map((o) => o.id)).toEqual([
      "popularity",
      "logistic-regression",
    ]);
    expect(numeric.lab).toBe("ctr-baseline-vs-lr");
    expect(numeric.answer.metric).toBe("metrics.logistic_regression.roc_auc");
    expect(numeric.answer.tolerance).toEqual({ absolute: 0.01 });
  });

  it("keeps numbers out of the lab hints", () => {
    for (const q of drill(1).questions) {
      if (q.kind !== "lab") continue;
      expect(q.hint, q.slug).not.toMatch(/\d\.\d/);
    }
  });

  it("states numeric answers that match the arithmetic", () => {
    const parameters = 500e6;
    expectNumericAnswer(4, "weights-memory", (parameters * 4) / 1e9);
    expectNumericAnswer(
      4,
      "adam-training-memory",
      (parameters * (4 + 4 + 4 + 4)) / 1e9,
    );
    expectNumericAnswer(4, "epoch-hours", 10e9 / (20_000 * 64) / 3600);
    expectNumericAnswer(2, "trivial-accuracy", (1 - 0.001) * 100);
    expectNumericAnswer(2, "balanced-class-weight", 1 / (2 * 0.001));
    expectNumericAnswer(1, "always-no-click-accuracy", 100 - 3);
    expectNumericAnswer(3, "review-sample-size", 20e6 * 0.01);
    expectNumericAnswer(5, "positive-share", (100 * 1) / (10 + 1));
  });

  it("has at least 60 cards at both levels over the chapter's topics", () => {
    const cards = bundle.decks.flatMap((deck) => deck.cards);
    const topics = new Set(cards.map((card) => card.topic));

    expect(cards.length).toBeGreaterThanOrEqual(60);
    expect(cards.some((card) => card.level === "E5")).toBe(true);
    expect(cards.some((card) => card.level === "E6")).toBe(true);
    for (const topic of bundle.topics) {
      expect(topics.has(topic.slug), topic.slug).toBe(true);
    }
  });

  it("covers each talking point with an E5 and an E6 card", () => {
    const cards = bundle.decks
      .flatMap((deck) => deck.cards)
      .filter(
        (card) =>
          card.topic === "talking-points" &&
          card.slug !== "talking-points-list",
      );
    const byLevel = (level: string) =>
      cards.filter((card) => card.level === level).length;

    expect(byLevel("E5")).toBe(5);
    expect(byLevel("E6")).toBe(5);
  });
});
