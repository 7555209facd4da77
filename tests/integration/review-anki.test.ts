import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { importAnki } from "@/lib/cards/anki";
import { ForbiddenError, UserError } from "@/lib/errors";
import { exportAnkiCards } from "@/lib/review/anki-export";
import { importAnkiCards } from "@/lib/review/anki-import";

import { prisma, resetDatabase } from "./helpers/db";
import { createAccount, createDecks } from "./review-fixtures";

let instructor: { id: string; role: "INSTRUCTOR" };
let learner: { id: string; role: "LEARNER" };

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error as Error,
  );
  if (!outcome)
    throw new Error("expected the import to fail, but it succeeded");
  return outcome;
}

async function cardsOfDeck(slug: string) {
  return prisma.flashcard.findMany({
    where: { deck: { slug } },
    orderBy: { position: "asc" },
    select: { front: true, back: true, tags: true, published: true },
  });
}

beforeEach(async () => {
  await resetDatabase();
  await createDecks();
  const teacher = await createAccount("teacher@example.test", {
    role: "INSTRUCTOR",
  });
  const student = await createAccount("student@example.test");
  instructor = { id: teacher.id, role: "INSTRUCTOR" };
  learner = { id: student.id, role: "LEARNER" };
});

afterAll(async () => {
  await prisma.$disconnect();
});

const validFile = [
  "#separator:tab",
  "#html:false",
  "#tags column:3",
  "What does AUC-PR measure?\tPrecision against recall over thresholds\tmetrics",
  "Name a loss for imbalance\tFocal loss\tmetrics imbalance",
  '"Two-line\nfront"\t"Back with a tab\there"\t',
  "",
].join("\n");

describe("Anki import", () => {
  it("creates cards in a new deck", async () => {
    const summary = await importAnkiCards(prisma, instructor, validFile, {
      deck: "Imported metrics",
    });
    expect(summary).toMatchObject({
      created: 3,
      updated: 0,
      unchanged: 0,
      decks: ["imported-metrics"],
      createdDecks: ["imported-metrics"],
    });
    const deck = await prisma.deck.findUniqueOrThrow({
      where: { slug: "imported-metrics" },
    });
    expect(deck.title).toBe("Imported metrics");
    expect(await cardsOfDeck("imported-metrics")).toEqual([
      {
        front: "What does AUC-PR measure?",
        back: "Precision against recall over thresholds",
        tags: ["metrics"],
        published: true,
      },
      {
        front: "Name a loss for imbalance",
        back: "Focal loss",
        tags: ["metrics", "imbalance"],
        published: true,
      },
      {
        front: "Two-line\nfront",
        back: "Back with a tab\there",
        tags: [],
        published: true,
      },
    ]);
    const audit = await prisma.auditLog.findMany({
      where: { action: "cards.importAnki" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(instructor.id);
  });

  it("rejects a learner with a forbidden error", async () => {
    const before = await prisma.flashcard.count();
    const error = await failureOf(
      importAnkiCards(prisma, learner, validFile, { deck: "alpha" }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toContain("Only instructors");
    expect(await prisma.flashcard.count()).toBe(before);
  });

  it("saves nothing when one line has too few fields", async () => {
    const before = await prisma.flashcard.count();
    const file = [
      "#separator:tab",
      "#html:false",
      "Front one\tBack one",
      "Front two\tBack two",
      "Front three without a back",
      "Front four\tBack four",
    ].join("\n");
    const error = await failureOf(
      importAnkiCards(prisma, instructor, file, { deck: "Half imported" }),
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain("Nothing was imported");
    expect(error.message).toContain("Line 5: expected 2 fields, found 1");
    expect(await prisma.flashcard.count()).toBe(before);
    expect(
      await prisma.deck.findUnique({ where: { slug: "half-imported" } }),
    ).toBeNull();
  });

  it("names the line of an empty back", async () => {
    const before = await prisma.flashcard.count();
    const file = 'f1,b1\n"multi\nline",b2\nf3,\nf4,b4\n';
    const error = await failureOf(
      importAnkiCards(prisma, instructor, file, { deck: "alpha" }),
    );
    expect(error.message).toContain("Line 4: the Back field is empty");
    expect(await prisma.flashcard.count()).toBe(before);
  });

  it("names the line of an empty front", async () => {
    const error = await failureOf(
      importAnkiCards(prisma, instructor, "f1\tb1\n\tb2\n", { deck: "alpha" }),
    );
    expect(error.message).toContain("Line 2");
    expect(error.message).toContain("Front field is empty");
  });

  it("names both lines of a repeated front", async () => {
    const error = await failureOf(
      importAnkiCards(prisma, instructor, "f1\tb1\nf2\tb2\nf1\tb3\n", {
        deck: "alpha",
      }),
    );
    expect(error.message).toContain(
      "Line 3: the front repeats the card on line 1",
    );
  });

  it("rejects an empty file and a missing deck", async () => {
    expect(
      (
        await failureOf(
          importAnkiCards(prisma, instructor, "#separator:tab\n", {
            deck: "x",
          }),
        )
      ).message,
    ).toContain("no cards");
    expect(
      (await failureOf(importAnkiCards(prisma, instructor, "f1\tb1\n", {})))
        .message,
    ).toContain("Line 1: the card names no deck");
  });

  it("updates a card with the same front", async () => {
    const file =
      "#separator:tab\n#tags column:3\nBeta front 1\tA better back\tbeta revised\n";
    const summary = await importAnkiCards(prisma, instructor, file, {
      deck: "beta",
    });
    expect(summary).toMatchObject({ created: 0, updated: 1 });
    const card = await prisma.flashcard.findUniqueOrThrow({
      where: { slug: "b1" },
    });
    expect(card.back).toBe("A better back");
    expect(card.tags).toEqual(["beta", "revised"]);
    expect(card.version).toBe(2);
  });
});

describe("Anki export", () => {
  it("writes Anki headers and one line per card", async () => {
    const { text, count } = await exportAnkiCards(
      prisma,
      { deck: "beta" },
      "tsv",
    );
    expect(count).toBe(3);
    const lines = text.trimEnd().split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "#separator:tab",
      "#html:false",
      "#notetype:Basic",
      "#columns:Front\tBack\tTags\tDeck\tGUID",
      "#tags column:3",
      "#deck column:4",
      "#guid column:5",
    ]);
    expect(lines[7]).toBe(
      "Beta front 0\tBeta back 0 mentions focal loss\tbeta\tbeta\tb0",
    );
    expect(lines).toHaveLength(10);
  });

  it("filters by tag and leaves out unpublished cards", async () => {
    await prisma.flashcard.update({
      where: { slug: "a1" },
      data: { published: false },
    });
    const { text, count } = await exportAnkiCards(
      prisma,
      { tag: "odd" },
      "csv",
    );
    expect(count).toBe(3);
    const parsed = importAnki(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.cards.map((card) => card.guid)).toEqual(["a3", "a5", "a7"]);
    }
  });

  it.each(["tsv", "csv"] as const)(
    "round-trips through import as %s",
    async (format) => {
      await prisma.flashcard.update({
        where: { slug: "a2" },
        data: {
          front: 'Front with "quotes", a comma;\tand a tab',
          back: "Back on\ntwo lines",
        },
      });
      const exported = await exportAnkiCards(prisma, { deck: "alpha" }, format);

      const copy = await importAnkiCards(prisma, instructor, exported.text, {
        deck: "Alpha copy",
      });
      expect(copy.created).toBe(exported.count);
      const original = await cardsOfDeck("alpha");
      expect(await cardsOfDeck("alpha-copy")).toEqual(original);

      // Without a deck option the file's deck column leads back to "alpha",
      // and the GUIDs match the cards already there.
      const again = await importAnkiCards(prisma, instructor, exported.text);
      expect(again).toMatchObject({
        created: 0,
        updated: 0,
        unchanged: exported.count,
      });
      expect(await cardsOfDeck("alpha")).toEqual(original);
    },
  );
});
