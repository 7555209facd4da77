import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { searchCards } from "@/lib/review/search";

import { prisma, resetDatabase } from "./helpers/db";

// Cards whose text contains the LIKE wildcards % and _ and the escape
// character \, next to cards that a wildcard reading of those characters
// would also match. Slugs sort in the order the cards are listed.
const cardTexts = [
  {
    slug: "c01-percent",
    front: "What accuracy does a 50% positive rate give?",
    back: "Half of the labels are positive.",
  },
  {
    slug: "c02-five-hundred",
    front: "How many rows are in the 500 row sample?",
    back: "500 rows, 50 of them labelled.",
  },
  {
    slug: "c03-underscore",
    front: "What does class_weight='balanced' do?",
    back: "It weights the loss by inverse class frequency.",
  },
  {
    slug: "c04-space",
    front: "Why set a class weight?",
    back: "To counter class imbalance.",
  },
  {
    slug: "c05-upper-case",
    front: "Where do you set CLASS_WEIGHT in scikit-learn?",
    back: "On the estimator.",
  },
  {
    slug: "c06-backslash",
    front: "Where is the training file?",
    back: "In C:\\data\\train.csv on the shared drive.",
  },
  {
    slug: "c07-data-drift",
    front: "What is data drift?",
    back: "A change in the input distribution.",
  },
  {
    slug: "c08-escaped-percent",
    front: "What does 100\\% print in a LaTeX table?",
    back: "A literal percent sign.",
  },
];

let learnerId: string;

beforeEach(async () => {
  await resetDatabase();
  const deck = await prisma.deck.create({
    data: { slug: "search", title: "Search deck" },
  });
  await prisma.flashcard.createMany({
    data: cardTexts.map((card, position) => ({
      ...card,
      deckId: deck.id,
      position,
    })),
  });
  const learner = await prisma.user.create({
    data: { email: "searcher@example.test" },
  });
  learnerId = learner.id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function searchSlugs(text: string): Promise<string[]> {
  const result = await searchCards(prisma, learnerId, { text });
  expect(result.total).toBe(result.cards.length);
  return result.cards.map((card) => card.slug);
}

describe("searchCards text filter", () => {
  // [typed text, cards whose front or back contains it, ignoring case]
  it.each<[string, string[]]>([
    ["50%", ["c01-percent"]],
    ["%", ["c01-percent", "c08-escaped-percent"]],
    ["class_weight", ["c03-underscore", "c05-upper-case"]],
    ["_", ["c03-underscore", "c05-upper-case"]],
    ["\\data", ["c06-backslash"]],
    ["\\", ["c06-backslash", "c08-escaped-percent"]],
    ["100\\%", ["c08-escaped-percent"]],
    ["\\\\", []],
    ["%%", []],
    ["a_b", []],
  ])("finds %j literally", async (text, expected) => {
    expect(await searchSlugs(text)).toEqual(expected);
  });

  it("ignores case around wildcard characters", async () => {
    expect(await searchSlugs("Class_Weight")).toEqual([
      "c03-underscore",
      "c05-upper-case",
    ]);
    expect(await searchSlugs("c:\\DATA\\TRAIN")).toEqual(["c06-backslash"]);
  });

  it("still matches plain substrings", async () => {
    expect(await searchSlugs("class weight")).toEqual(["c04-space"]);
    expect(await searchSlugs("500")).toEqual(["c02-five-hundred"]);
    expect(await searchSlugs("DATA")).toEqual([
      "c06-backslash",
      "c07-data-drift",
    ]);
  });
});
