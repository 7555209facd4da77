import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import type { PrismaClient } from "@/lib/generated/prisma/client";

import { bundleToFiles } from "./format";
import { labQuestionSlugPrefix } from "./import-questions";
import { labParametersOfStored, type StoredLabParameter } from "./import-labs";
import type { LabChart, LabFile } from "./lab-schema";
import { ContentValidationError } from "./problems";
import type {
  ContentBundle,
  DeckFile,
  DrillFile,
  QuestionFile,
  Rubric,
  Topic,
} from "./schema";
import { validateBundle } from "./validate";

/**
 * Reads the published content back out of the database as a bundle, in the
 * shape of the content files. It contains every topic (sorted by slug), the
 * published drills by number with their rubrics and published questions,
 * and the decks that still have published cards, sorted by slug. The
 * published lab pages follow with their questions, sorted by slug.
 * Unpublished content stays out, so exporting and importing again changes
 * nothing.
 *
 * @throws ContentValidationError when the stored content would not make
 *   valid files, for example a question without an explanation.
 */
export async function exportContent(
  prisma: PrismaClient,
): Promise<ContentBundle> {
  const labQuestion = { slug: { startsWith: labQuestionSlugPrefix } };
  const [topicRows, drillRows, deckRows, labRows] = await Promise.all([
    prisma.topic.findMany({ orderBy: { slug: "asc" } }),
    prisma.drill.findMany({
      where: { published: true },
      orderBy: { number: "asc" },
      include: {
        topic: { select: { slug: true } },
        rubric: { include: { criteria: { orderBy: { position: "asc" } } } },
        // Lab page questions go to their lab's file.
        questions: {
          where: { published: true, NOT: labQuestion },
          orderBy: { position: "asc" },
        },
      },
    }),
    prisma.deck.findMany({
      orderBy: { slug: "asc" },
      include: {
        flashcards: {
          where: { published: true },
          orderBy: { position: "asc" },
          include: { topic: { select: { slug: true } } },
        },
      },
    }),
    prisma.lab.findMany({
      where: { published: true },
      orderBy: { slug: "asc" },
      include: {
        drill: { select: { slug: true } },
        questions: {
          where: { published: true, ...labQuestion },
          orderBy: { position: "asc" },
        },
      },
    }),
  ]);

  const topics: Topic[] = topicRows.map((row) => ({
    slug: row.slug,
    title: row.title,
    ...(row.description === null ? {} : { description: row.description }),
  }));

  const drills = drillRows.map((row): DrillFile => {
    const prefix = `${row.slug}/`;
    const rubric: Rubric | undefined = row.rubric
      ? {
          slug: row.rubric.slug,
          title: row.rubric.title,
          criteria: row.rubric.criteria.map((criterion) => ({
            key: criterion.key,
            level: criterion.level,
            description: criterion.description,
            points: criterion.points,
            concepts:
              criterion.concepts as unknown as Rubric["criteria"][number]["concepts"],
          })),
        }
      : undefined;

    const questions = row.questions.map(
      (question) =>
        ({
          ...(question.spec as object),
          slug: question.slug.startsWith(prefix)
            ? question.slug.slice(prefix.length)
            : question.slug,
          prompt: question.prompt,
          explanation: question.explanation,
        }) as unknown as QuestionFile,
    );

    return {
      slug: row.slug,
      number: row.number,
      title: row.title,
      topic: row.topic.slug,
      summary: row.summary,
      prompt: row.prompt,
      ...(rubric ? { rubric } : {}),
      questions,
    };
  });

  const decks = deckRows
    .filter((row) => row.flashcards.length > 0)
    .map((row): DeckFile => ({
      slug: row.slug,
      title: row.title,
      ...(row.description === null ? {} : { description: row.description }),
      cards: row.flashcards.map((card) => ({
        slug: card.slug,
        topic: card.topic?.slug ?? "",
        level: card.level,
        tags: card.tags,
        front: card.front,
        back: card.back,
      })),
    }));

  const labs = labRows.map((row): LabFile => {
    const prefix = `${labQuestionSlugPrefix}${row.slug}/`;
    return {
      slug: row.slug,
      drill: row.drill.slug,
      ...(row.listed ? {} : { listed: false }),
      title: row.title,
      summary: row.summary,
      intro: row.intro,
      parameters: labParametersOfStored(row.parameters as StoredLabParameter[]),
      charts: row.charts as LabChart[],
      questions: row.questions.map(
        (question) =>
          ({
            ...(question.spec as object),
            slug: question.slug.startsWith(prefix)
              ? question.slug.slice(prefix.length)
              : question.slug,
            prompt: question.prompt,
            explanation: question.explanation,
          }) as unknown as QuestionFile,
      ),
    };
  });

  const bundle: ContentBundle = { topics, drills, decks, labs };
  const problems = validateBundle(bundle);
  if (problems.length > 0) throw new ContentValidationError(problems);
  return bundle;
}

/** What writing a content folder did. */
export interface WriteResult {
  /** Paths written, relative to the folder. */
  written: string[];
  /** Drill, deck and lab files in the folder that the bundle does not contain. */
  stale: string[];
}

/**
 * Writes a bundle as canonical YAML files into a folder, creating it and
 * its drills/, decks/ and labs/ subfolders as needed. Drill, deck and lab
 * files in the folder that the bundle does not contain are reported as
 * stale, and deleted only when `pruneStale` is set.
 */
export async function writeContentFolder(
  folder: string,
  bundle: ContentBundle,
  options: { pruneStale?: boolean } = {},
): Promise<WriteResult> {
  const files = bundleToFiles(bundle);
  const written: string[] = [];

  for (const [relative, text] of files) {
    const target = path.join(folder, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, "utf8");
    written.push(relative);
  }

  const stale: string[] = [];
  for (const subfolder of ["drills", "decks", "labs"]) {
    const entries = await readdir(path.join(folder, subfolder)).catch(() => []);
    for (const name of entries) {
      const relative = `${subfolder}/${name}`;
      if (!name.endsWith(".yaml") || files.has(relative)) continue;
      stale.push(relative);
      if (options.pruneStale) await rm(path.join(folder, relative));
    }
  }
  return { written, stale: stale.sort() };
}
