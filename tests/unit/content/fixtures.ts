import type {
  ContentBundle,
  DeckFile,
  DrillFile,
  Topic,
} from "@/lib/content/schema";

/**
 * Build a small valid bundle for schema and cross-file tests: two topics,
 * one drill with a question of every kind, and one deck. Each call returns a
 * fresh copy, so a test can break one field without affecting others.
 */
export function validTopics(): Topic[] {
  return [
    { slug: "class-imbalance", title: "Class imbalance" },
    {
      slug: "labeling",
      title: "Labeling",
      description: "Hand and natural labels.",
    },
  ];
}

export function validDrill(): DrillFile {
  return {
    slug: "class-imbalance",
    number: 2,
    title: "Class imbalance",
    topic: "class-imbalance",
    summary: "Why a rare class hurts.",
    prompt: "Explain the problem.\n",
    rubric: {
      slug: "class-imbalance",
      title: "Class imbalance",
      criteria: [
        {
          key: "metrics",
          level: "E5",
          description: "Names precision and recall.",
          points: 2,
          concepts: [{ name: "metric", phrases: ["precision", "recall"] }],
        },
        {
          key: "threshold",
          level: "E6",
          description: "Sets the threshold from costs.",
          points: 1,
          concepts: [
            { name: "threshold", phrases: ["threshold", "not(accuracy)"] },
          ],
        },
      ],
    },
    questions: [
      {
        slug: "pick-one",
        kind: "single_choice",
        prompt: "Pick one.",
        options: [
          { id: "a", text: "First" },
          { id: "b", text: "Second" },
        ],
        correct: "a",
        explanation: "Because.",
      },
      {
        slug: "pick-many",
        kind: "multiple_choice",
        prompt: "Pick many.",
        options: [
          { id: "a", text: "First" },
          { id: "b", text: "Second" },
          { id: "c", text: "Third" },
        ],
        correct: ["a", "c"],
        explanation: "Because.",
      },
      {
        slug: "how-much",
        kind: "numeric",
        prompt: "How much?",
        answer: 8,
        unit: "GB",
        tolerance: { relative: 0.02 },
        explanation: "Because.",
      },
      {
        slug: "in-order",
        kind: "ordering",
        prompt: "Order them.",
        items: [
          { id: "first", text: "First" },
          { id: "second", text: "Second" },
        ],
        explanation: "Because.",
      },
      {
        slug: "explain",
        kind: "free_text",
        prompt: "Explain.",
        explanation: "Because.",
      },
      {
        slug: "from-the-lab",
        kind: "lab",
        prompt: "Which is better on this run?",
        lab: "ctr-baseline-vs-lr",
        hint: "Compare ROC-AUC.",
        answer: {
          type: "choice",
          options: [
            { id: "popularity", text: "Popularity" },
            { id: "logistic-regression", text: "Logistic regression" },
          ],
          rule: "better-ranker-popularity-vs-lr",
        },
        explanation: "Because.",
      },
    ],
  };
}

export function validDeck(): DeckFile {
  return {
    slug: "basics",
    title: "Basics",
    cards: [
      {
        slug: "card-one",
        topic: "labeling",
        level: "E5",
        tags: ["labels"],
        front: "What is a natural label?",
        back: "A label taken from user behavior.",
      },
    ],
  };
}

export function validBundle(): ContentBundle {
  return {
    topics: validTopics(),
    drills: [validDrill()],
    decks: [validDeck()],
    labs: [],
  };
}

/** The lab catalog the fixtures assume, independent of lib/labs. */
export const testLabs: ReadonlyMap<string, readonly string[]> = new Map([
  ["ctr-baseline-vs-lr", ["better-ranker-popularity-vs-lr"]],
]);
