import { describe, expect, it } from "vitest";

import type { RubricCriterionSpec } from "@/lib/grading/spec";
import {
  contentWords,
  flashcardsForCriterion,
  labsForCriterion,
  type CardCandidate,
} from "@/lib/mock/study-links";

const lossWeighting: RubricCriterionSpec = {
  key: "loss-weighting",
  level: "E5",
  description: "Proposes class weights in the loss.",
  points: 1,
  concepts: [
    {
      name: "loss change",
      phrases: ["class weight", "focal loss", "not(accuracy)"],
    },
  ],
};

function card(
  slug: string,
  front: string,
  tags: string[],
  extra: Partial<CardCandidate> = {},
): CardCandidate {
  return {
    slug,
    front,
    back: "",
    tags,
    level: "E5",
    topicId: "imbalance",
    ...extra,
  };
}

describe("contentWords", () => {
  it("drops common words and plural s", () => {
    expect([...contentWords("The class weights of a model")]).toEqual([
      "class",
      "weight",
    ]);
  });

  it("keeps double s", () => {
    expect(contentWords("loss").has("loss")).toBe(true);
  });
});

describe("flashcardsForCriterion", () => {
  const cards = [
    card("store", "What is a feature store?", ["feature-store"]),
    card("focal", "What does focal loss do?", ["loss", "imbalance"]),
    card("weights", "How do class weights change the loss?", [
      "loss-weighting",
    ]),
    card("other-topic", "Class weights in ranking?", ["loss-weighting"], {
      topicId: "ranking",
    }),
    card("e6-card", "When do you recalibrate?", ["calibration"], {
      level: "E6",
    }),
  ];

  it("ranks cards by shared tags and words", () => {
    const links = flashcardsForCriterion(lossWeighting, cards, "imbalance");
    expect(links.map((link) => link.slug)).toEqual(["weights", "focal"]);
    expect(links.every((link) => link.match === "words")).toBe(true);
  });

  it("keeps to the drill's topic", () => {
    const links = flashcardsForCriterion(lossWeighting, cards, "ranking");
    expect(links.map((link) => link.slug)).toEqual(["other-topic"]);
  });

  it("falls back to same topic and level", () => {
    const unrelated: RubricCriterionSpec = {
      ...lossWeighting,
      key: "sharding",
      level: "E6",
      concepts: [{ name: "sharding", phrases: ["shard the parameters"] }],
    };
    const links = flashcardsForCriterion(unrelated, cards, "imbalance");
    expect(links).toEqual([
      { slug: "e6-card", front: "When do you recalibrate?", match: "topic" },
    ]);
  });

  it("honours the limit", () => {
    expect(
      flashcardsForCriterion(lossWeighting, cards, "imbalance", 1),
    ).toHaveLength(1);
  });
});

describe("labsForCriterion", () => {
  const labs = [
    {
      slug: "imbalance-weights",
      title: "Class weights vs oversampling",
      summary: "Compare the two.",
    },
    {
      slug: "label-noise",
      title: "Label noise",
      summary: "Flip labels and watch AUC.",
    },
  ];

  it("returns labs that share a word", () => {
    expect(
      labsForCriterion(lossWeighting, labs).map((lab) => lab.slug),
    ).toEqual(["imbalance-weights"]);
  });

  it("returns every drill lab when none shares a word", () => {
    const unrelated = {
      ...lossWeighting,
      key: "x",
      concepts: [{ name: "y", phrases: ["zzz"] }],
    };
    expect(labsForCriterion(unrelated, labs)).toHaveLength(2);
  });
});
