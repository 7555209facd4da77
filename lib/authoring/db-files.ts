import type {
  Concept,
  DeckFile,
  DrillFile,
  Flashcard,
  QuestionFile,
  Rubric,
} from "@/lib/content/schema";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Reads single drills, rubrics, questions and decks out of the database in
 * the content file shape, whether or not they are published. The exporter
 * of lib/content reads only published content; the editors also need the
 * hidden items they are working on.
 */

type Client = PrismaClient | Prisma.TransactionClient;

/** The question's slug within its drill file: "drill-slug/first" → "first". */
export function fileSlugOf(questionSlug: string, drillSlug: string): string {
  const prefix = `${drillSlug}/`;
  return questionSlug.startsWith(prefix)
    ? questionSlug.slice(prefix.length)
    : questionSlug;
}

/** A question row as its drill file contains it. */
export function questionFileOfRow(
  row: {
    slug: string;
    prompt: string;
    explanation: string | null;
    spec: Prisma.JsonValue;
  },
  drillSlug: string,
): QuestionFile {
  return {
    ...(row.spec as object),
    slug: fileSlugOf(row.slug, drillSlug),
    prompt: row.prompt,
    explanation: row.explanation ?? "",
  } as unknown as QuestionFile;
}

/** A rubric row with its criteria as a drill file embeds it. */
export function rubricFileOfRow(row: {
  slug: string;
  title: string;
  criteria: {
    key: string;
    level: "E5" | "E6";
    description: string;
    points: number;
    concepts: Prisma.JsonValue;
    position: number;
  }[];
}): Rubric {
  return {
    slug: row.slug,
    title: row.title,
    criteria: [...row.criteria]
      .sort((a, b) => a.position - b.position)
      .map((criterion) => ({
        key: criterion.key,
        level: criterion.level,
        description: criterion.description,
        points: criterion.points,
        concepts: criterion.concepts as unknown as Concept[],
      })),
  };
}

/** Loads a rubric in file shape, or null when there is none with this id. */
export async function loadRubricFile(
  prisma: Client,
  rubricId: string,
): Promise<Rubric | null> {
  const row = await prisma.rubric.findUnique({
    where: { id: rubricId },
    include: { criteria: true },
  });
  return row ? rubricFileOfRow(row) : null;
}

/** A drill row with the ids of its questions, beside its file. */
export interface DrillWithFile {
  id: string;
  published: boolean;
  file: DrillFile;
  /** Question ids in the order of `file.questions`. */
  questionIds: string[];
}

/**
 * Loads a drill in file shape with its published questions in position
 * order, or null when there is no drill with this id.
 */
export async function loadDrillFile(
  prisma: Client,
  drillId: string,
): Promise<DrillWithFile | null> {
  const row = await prisma.drill.findUnique({
    where: { id: drillId },
    include: {
      topic: { select: { slug: true } },
      rubric: { include: { criteria: true } },
      // Lab page questions belong to their lab's file, not the drill's.
      questions: {
        where: { published: true, labId: null },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    published: row.published,
    questionIds: row.questions.map((question) => question.id),
    file: {
      slug: row.slug,
      number: row.number,
      title: row.title,
      topic: row.topic.slug,
      summary: row.summary,
      prompt: row.prompt,
      ...(row.rubric ? { rubric: rubricFileOfRow(row.rubric) } : {}),
      questions: row.questions.map((question) =>
        questionFileOfRow(question, row.slug),
      ),
    },
  };
}

/** A flashcard row as its deck file contains it. */
export function flashcardFileOfRow(row: {
  slug: string;
  topic: { slug: string } | null;
  level: "E5" | "E6";
  tags: string[];
  front: string;
  back: string;
}): Flashcard {
  return {
    slug: row.slug,
    topic: row.topic?.slug ?? "",
    level: row.level,
    tags: row.tags,
    front: row.front,
    back: row.back,
  };
}

/** A deck row beside its file. */
export interface DeckWithFile {
  id: string;
  file: DeckFile;
  /** Card ids in the order of `file.cards`. */
  cardIds: string[];
}

/** Loads a deck in file shape with its published cards, or null when missing. */
export async function loadDeckFile(
  prisma: Client,
  deckId: string,
): Promise<DeckWithFile | null> {
  const row = await prisma.deck.findUnique({
    where: { id: deckId },
    include: {
      flashcards: {
        where: { published: true },
        orderBy: { position: "asc" },
        include: { topic: { select: { slug: true } } },
      },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    cardIds: row.flashcards.map((card) => card.id),
    file: {
      slug: row.slug,
      title: row.title,
      ...(row.description === null ? {} : { description: row.description }),
      cards: row.flashcards.map(flashcardFileOfRow),
    },
  };
}
