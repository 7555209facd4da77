import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeEach, describe, expect, it } from "vitest";

import { verifyPassword } from "@/lib/auth/password";
import { exportContent } from "@/lib/content/export";
import { bundleToFiles } from "@/lib/content/format";
import { importContent } from "@/lib/content/import";
import { importChangedAnything } from "@/lib/content/import-summary";
import { loadContent, loadContentOrThrow } from "@/lib/content/load";
import { ContentValidationError } from "@/lib/content/problems";
import type { ContentBundle } from "@/lib/content/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { demoAccounts, demoPassword, upsertDemoAccounts } from "@/prisma/seed";

import { prisma, resetDatabase } from "./helpers/db";

const contentFolder = path.resolve(import.meta.dirname, "../../content");

async function freshBundle(): Promise<ContentBundle> {
  return loadContentOrThrow(contentFolder);
}

/** Reads every content row, with timestamps and versions, in a stable order. */
async function snapshotContent(): Promise<string> {
  const byId = { orderBy: { id: "asc" as const } };
  const tables = {
    topics: await prisma.topic.findMany(byId),
    rubrics: await prisma.rubric.findMany(byId),
    criteria: await prisma.rubricCriterion.findMany(byId),
    rubricVersions: await prisma.rubricVersion.findMany(byId),
    drills: await prisma.drill.findMany(byId),
    questions: await prisma.question.findMany(byId),
    questionVersions: await prisma.questionVersion.findMany(byId),
    decks: await prisma.deck.findMany(byId),
    flashcards: await prisma.flashcard.findMany(byId),
    labs: await prisma.lab.findMany(byId),
  };
  return JSON.stringify(tables);
}

/** Questions of the drills and of the lab pages. */
function countQuestions(bundle: ContentBundle): number {
  const questionsOf = (files: { questions: unknown[] }[]) =>
    files.reduce((sum, file) => sum + file.questions.length, 0);
  return questionsOf(bundle.drills) + questionsOf(bundle.labs);
}

function countCards(bundle: ContentBundle): number {
  return bundle.decks.reduce((sum, deck) => sum + deck.cards.length, 0);
}

/**
 * Wraps a client so that, inside an interactive transaction, calling
 * `model.method` throws. Used to fail an import halfway through.
 */
function failingClient(model: string, method: string): PrismaClient {
  const failOn = (tx: object) =>
    new Proxy(tx, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== model) return value;
        return new Proxy(value as object, {
          get(delegate, name, delegateReceiver) {
            if (name === method) {
              return () => {
                throw new Error(`injected failure in ${model}.${method}`);
              };
            }
            return Reflect.get(delegate, name, delegateReceiver);
          },
        });
      },
    });

  return new Proxy(prisma, {
    get(target, property, receiver) {
      if (property !== "$transaction")
        return Reflect.get(target, property, receiver);
      return (
        body: (tx: object) => Promise<unknown>,
        options?: Record<string, unknown>,
      ) => target.$transaction((tx) => body(failOn(tx)), options);
    },
  });
}

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("importContent", () => {
  it("creates everything, then changes nothing on a second run", async () => {
    const bundle = await freshBundle();

    const first = await importContent(prisma, bundle);
    expect(first.topics.created).toBe(bundle.topics.length);
    expect(first.drills.created).toBe(bundle.drills.length);
    expect(first.questions.created).toBe(countQuestions(bundle));
    expect(first.questionVersions).toBe(countQuestions(bundle));
    expect(first.rubricVersions).toBe(bundle.drills.length);
    expect(first.flashcards.created).toBe(countCards(bundle));
    const before = await snapshotContent();

    const second = await importContent(prisma, await freshBundle());

    expect(importChangedAnything(second)).toBe(false);
    expect(second.questions.unchanged).toBe(countQuestions(bundle));
    expect(second.flashcards.unchanged).toBe(countCards(bundle));
    expect(await snapshotContent()).toBe(before);
  });

  it("versions a changed question and keeps its attempts", async () => {
    const bundle = await freshBundle();
    await importContent(prisma, bundle);
    const question = await prisma.question.findUniqueOrThrow({
      where: { slug: "class-imbalance/focal-loss" },
    });
    const user = await prisma.user.create({
      data: { email: "a@example.test" },
    });
    await prisma.attempt.create({
      data: {
        userId: user.id,
        questionId: question.id,
        questionVersion: 1,
        answer: { choice: "down-weights-easy" },
        score: 1,
        correct: true,
        feedback: {},
      },
    });

    const changed = await freshBundle();
    const drill = changed.drills.find((d) => d.slug === "class-imbalance")!;
    const index = drill.questions.findIndex((q) => q.slug === "focal-loss");
    drill.questions[index].prompt = "What does focal loss change?";
    const summary = await importContent(prisma, changed);

    const stored = await prisma.question.findUniqueOrThrow({
      where: { id: question.id },
      include: { versions: { orderBy: { version: "asc" } } },
    });
    expect(summary.questions.updated).toBe(1);
    expect(summary.questionVersions).toBe(1);
    expect(stored.version).toBe(2);
    expect(stored.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(stored.versions[0].prompt).toBe(question.prompt);
    expect(stored.versions[1].prompt).toBe("What does focal loss change?");
    expect(
      await prisma.attempt.count({ where: { questionId: question.id } }),
    ).toBe(1);
  });

  it("moves a question without a new version", async () => {
    await importContent(prisma, await freshBundle());

    const moved = await freshBundle();
    moved.drills[0].questions.reverse();
    const summary = await importContent(prisma, moved);

    const questions = await prisma.question.findMany({
      where: { drill: { slug: moved.drills[0].slug } },
    });
    // Reversing keeps the middle question of an odd-length list in place.
    const count = moved.drills[0].questions.length;
    expect(summary.questions.updated).toBe(count - (count % 2));
    expect(summary.questions.unchanged).toBe(
      countQuestions(moved) - count + (count % 2),
    );
    expect(summary.questionVersions).toBe(0);
    expect(questions.every((q) => q.version === 1)).toBe(true);
  });

  it("unpublishes removed content and publishes it again when restored", async () => {
    await importContent(prisma, await freshBundle());

    const smaller = await freshBundle();
    const removedDrill = smaller.drills.pop()!;
    // A lab page needs its drill, so the drill's labs go with it.
    const removedLabs = smaller.labs.filter(
      (lab) => lab.drill === removedDrill.slug,
    );
    smaller.labs = smaller.labs.filter((lab) => !removedLabs.includes(lab));
    const removedCard = smaller.decks[0].cards.shift()!;
    const summary = await importContent(prisma, smaller);

    const drill = await prisma.drill.findUniqueOrThrow({
      where: { slug: removedDrill.slug },
      include: { questions: true },
    });
    const card = await prisma.flashcard.findUniqueOrThrow({
      where: { slug: removedCard.slug },
    });
    expect(summary.drills.unpublished).toBe(1);
    expect(summary.questions.unpublished).toBe(
      removedDrill.questions.length +
        removedLabs.reduce((sum, lab) => sum + lab.questions.length, 0),
    );
    expect(summary.labs.unpublished).toBe(removedLabs.length);
    expect(summary.flashcards.unpublished).toBe(1);
    expect(drill.published).toBe(false);
    expect(drill.questions.every((q) => !q.published)).toBe(true);
    expect(card.published).toBe(false);

    await importContent(prisma, await freshBundle());
    const restored = await prisma.drill.findUniqueOrThrow({
      where: { slug: removedDrill.slug },
      include: { questions: true },
    });
    expect(restored.published).toBe(true);
    expect(restored.version).toBe(1);
    expect(
      restored.questions.every((q) => q.published && q.version === 1),
    ).toBe(true);
  });

  it("keeps content made outside the files published", async () => {
    await importContent(prisma, await freshBundle());
    const deck = await prisma.deck.findFirstOrThrow();
    const drill = await prisma.drill.findFirstOrThrow();
    const card = await prisma.flashcard.create({
      data: {
        slug: "anki-imported-card",
        deckId: deck.id,
        front: "Front made in Anki",
        back: "Back made in Anki",
        tags: [],
      },
    });
    const question = await prisma.question.create({
      data: {
        slug: `${drill.slug}/authored-in-browser`,
        drillId: drill.id,
        position: 99,
        kind: "NUMERIC",
        prompt: "How many bytes are in a kilobyte?",
        spec: { kind: "numeric", answer: 1000, tolerance: { absolute: 0 } },
      },
    });

    const summary = await importContent(prisma, await freshBundle());

    expect(summary.flashcards.unpublished).toBe(0);
    expect(summary.questions.unpublished).toBe(0);
    const cardAfter = await prisma.flashcard.findUniqueOrThrow({
      where: { id: card.id },
    });
    const questionAfter = await prisma.question.findUniqueOrThrow({
      where: { id: question.id },
    });
    expect(cardAfter.published).toBe(true);
    expect(questionAfter.published).toBe(true);
  });

  it("versions a changed rubric with a snapshot", async () => {
    await importContent(prisma, await freshBundle());

    const changed = await freshBundle();
    const rubric = changed.drills[1].rubric!;
    rubric.criteria[0].points += 1;
    rubric.criteria.pop();
    const summary = await importContent(prisma, changed);

    const stored = await prisma.rubric.findUniqueOrThrow({
      where: { slug: rubric.slug },
      include: { criteria: { orderBy: { position: "asc" } }, versions: true },
    });
    expect(summary.rubrics.updated).toBe(1);
    expect(summary.rubricVersions).toBe(1);
    expect(stored.version).toBe(2);
    expect(stored.versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(stored.criteria.map((c) => c.key)).toEqual(
      rubric.criteria.map((c) => c.key),
    );
    expect(stored.criteria[0].points).toBe(rubric.criteria[0].points);
  });

  it("swaps drill numbers", async () => {
    await importContent(prisma, await freshBundle());

    const swapped = await freshBundle();
    [swapped.drills[0].number, swapped.drills[1].number] = [
      swapped.drills[1].number,
      swapped.drills[0].number,
    ];
    await importContent(prisma, swapped);

    const drills = await prisma.drill.findMany({ orderBy: { number: "asc" } });
    expect(drills.slice(0, 2).map((d) => d.slug)).toEqual([
      swapped.drills[1].slug,
      swapped.drills[0].slug,
    ]);
    expect(drills.every((d) => d.version === 1)).toBe(true);
  });

  it("leaves the database as it was when a file is invalid", async () => {
    await importContent(prisma, await freshBundle());
    const before = await snapshotContent();
    const copy = await mkdtemp(path.join(os.tmpdir(), "drillbook-content-"));
    try {
      await cp(contentFolder, copy, { recursive: true });
      const file = path.join(copy, "drills/02-class-imbalance.yaml");
      const text = await readFile(file, "utf8");
      await writeFile(file, text.replace("relative: 0.01", "{}"), "utf8");

      const result = await loadContent(copy);

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map((p) => p.path)).toContain(
        "questions[1].tolerance",
      );
    } finally {
      await rm(copy, { recursive: true, force: true });
    }

    const invalid = await freshBundle();
    invalid.drills[0].topic = "not-a-topic";
    invalid.drills[2].title = "Changed before the invalid drill";
    await expect(importContent(prisma, invalid)).rejects.toBeInstanceOf(
      ContentValidationError,
    );
    expect(await snapshotContent()).toBe(before);
  });

  it("rolls back every write when the database fails halfway", async () => {
    await importContent(prisma, await freshBundle());
    const before = await snapshotContent();

    const changed = await freshBundle();
    changed.topics.push({ slug: "new-topic", title: "New topic" });
    changed.drills[0].questions[0].prompt = "A changed prompt.";
    changed.decks[0].cards.push({
      ...changed.decks[0].cards[0],
      slug: "new-card",
    });

    await expect(
      importContent(failingClient("flashcard", "create"), changed),
    ).rejects.toThrow(/injected failure in flashcard.create/);
    expect(await snapshotContent()).toBe(before);
  });
});

describe("exportContent", () => {
  it("reproduces the content files byte for byte", async () => {
    await importContent(prisma, await freshBundle());

    const exported = bundleToFiles(await exportContent(prisma));

    expect(exported.size).toBeGreaterThan(0);
    for (const [relative, text] of exported) {
      expect(text, relative).toBe(
        await readFile(path.join(contentFolder, relative), "utf8"),
      );
    }
  });

  it("exports content that imports without changes", async () => {
    await importContent(prisma, await freshBundle());
    const before = await snapshotContent();

    const summary = await importContent(prisma, await exportContent(prisma));

    expect(importChangedAnything(summary)).toBe(false);
    expect(await snapshotContent()).toBe(before);
  });

  it("leaves unpublished content out", async () => {
    await importContent(prisma, await freshBundle());
    const smaller = await freshBundle();
    const removed = smaller.drills.pop()!;
    smaller.labs = smaller.labs.filter((lab) => lab.drill !== removed.slug);
    await importContent(prisma, smaller);

    const exported = await exportContent(prisma);

    expect(exported.drills.map((d) => d.slug)).not.toContain(removed.slug);
    expect(exported.drills).toHaveLength(smaller.drills.length);
    expect(exported.labs.map((lab) => lab.slug)).toEqual(
      smaller.labs.map((lab) => lab.slug).sort(),
    );
  });
});

describe("demo accounts", () => {
  it("are upserted with fixed ids and survive a second run unchanged", async () => {
    await upsertDemoAccounts(prisma);
    const first = await prisma.user.findMany({ orderBy: { id: "asc" } });
    await upsertDemoAccounts(prisma);
    const second = await prisma.user.findMany({ orderBy: { id: "asc" } });

    expect(first.map((u) => [u.id, u.email, u.role])).toEqual(
      demoAccounts
        .map((a) => [a.id, a.email, a.role])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    for (const user of first) {
      expect(await verifyPassword(user.passwordHash!, demoPassword)).toBe(true);
    }
    expect(second).toEqual(first);
  });

  it("refuse to take over an email another user has", async () => {
    await prisma.user.create({ data: { email: demoAccounts[0].email } });

    await expect(upsertDemoAccounts(prisma)).rejects.toThrow(
      /already has the demo email/,
    );
  });
});
