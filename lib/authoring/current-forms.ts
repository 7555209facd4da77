import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

import {
  fileSlugOf,
  flashcardFileOfRow,
  questionFileOfRow,
  rubricFileOfRow,
} from "./db-files";
import type { EntityType, FormOf } from "./forms";
import { flashcardFormOf, questionFormOf, rubricFormOf } from "./to-file";

type Client = PrismaClient | Prisma.TransactionClient;

/** A stored item as its editor shows it. */
export interface CurrentItem<T extends EntityType> {
  form: FormOf[T];
  /**
   * The item's version column (drills, questions, flashcards); null for
   * rubrics and decks, whose authoring versions are counted by their
   * ContentVersion rows alone.
   */
  columnVersion: number | null;
  /** Hidden items are false; rubrics and decks have no flag and are always true. */
  published: boolean;
  /** Rubrics: the scoring version (Rubric.version) that answers are pinned to. */
  rubricVersion?: number;
  /** A short name for lists and the audit log. */
  label: string;
}

/**
 * Loads the stored state of an item as an editor form, or null when there
 * is no item of this type with this id.
 */
export async function loadCurrentItem<T extends EntityType>(
  prisma: Client,
  type: T,
  id: string,
): Promise<CurrentItem<T> | null> {
  const item = await loaders[type](prisma, id);
  return item as CurrentItem<T> | null;
}

const loaders: {
  [T in EntityType]: (
    prisma: Client,
    id: string,
  ) => Promise<CurrentItem<T> | null>;
} = {
  async drill(prisma, id) {
    const row = await prisma.drill.findUnique({
      where: { id },
      include: {
        topic: { select: { slug: true } },
        rubric: { select: { slug: true } },
      },
    });
    if (!row) return null;
    return {
      form: {
        slug: row.slug,
        number: String(row.number),
        title: row.title,
        topic: row.topic.slug,
        summary: row.summary,
        prompt: row.prompt,
        rubric: row.rubric?.slug ?? "",
      },
      columnVersion: row.version,
      published: row.published,
      label: `Drill ${row.number}: ${row.title}`,
    };
  },

  async question(prisma, id) {
    const row = await prisma.question.findUnique({
      where: { id },
      include: { drill: { select: { slug: true } } },
    });
    if (!row) return null;
    return {
      form: questionFormOf(questionFileOfRow(row, row.drill.slug), row.drillId),
      columnVersion: row.version,
      published: row.published,
      label: `${row.drill.slug} / ${fileSlugOf(row.slug, row.drill.slug)}`,
    };
  },

  async rubric(prisma, id) {
    const row = await prisma.rubric.findUnique({
      where: { id },
      include: { criteria: true },
    });
    if (!row) return null;
    return {
      form: rubricFormOf(rubricFileOfRow(row)),
      columnVersion: null,
      published: true,
      rubricVersion: row.version,
      label: row.title,
    };
  },

  async deck(prisma, id) {
    const row = await prisma.deck.findUnique({ where: { id } });
    if (!row) return null;
    return {
      form: {
        slug: row.slug,
        title: row.title,
        description: row.description ?? "",
      },
      columnVersion: null,
      published: true,
      label: row.title,
    };
  },

  async flashcard(prisma, id) {
    const row = await prisma.flashcard.findUnique({
      where: { id },
      include: { topic: { select: { slug: true } } },
    });
    if (!row) return null;
    return {
      form: flashcardFormOf(flashcardFileOfRow(row), row.deckId),
      columnVersion: row.version,
      published: row.published,
      label: row.slug,
    };
  },
};
