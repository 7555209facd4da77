import type { PrismaClient } from "@/lib/generated/prisma/client";
import { labDefinitions } from "@/lib/labs/registry";

import { fileSlugOf } from "./db-files";

/** Every drill, hidden ones too, with question counts, in chapter order. */
export async function listDrillsForAuthoring(prisma: PrismaClient) {
  return prisma.drill.findMany({
    orderBy: { number: "asc" },
    include: {
      topic: { select: { title: true } },
      rubric: { select: { slug: true, title: true } },
      _count: { select: { questions: true } },
      questions: { where: { published: true }, select: { id: true } },
    },
  });
}

/** A drill's questions, hidden ones too, in position order, with attempt counts. */
export async function listDrillQuestions(
  prisma: PrismaClient,
  drillId: string,
) {
  const drill = await prisma.drill.findUnique({
    where: { id: drillId },
    select: { slug: true },
  });
  if (!drill) return [];
  const questions = await prisma.question.findMany({
    where: { drillId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      kind: true,
      prompt: true,
      version: true,
      published: true,
      _count: { select: { attempts: true } },
    },
  });
  return questions.map((question) => ({
    ...question,
    fileSlug: fileSlugOf(question.slug, drill.slug),
  }));
}

/** Lab questions of every drill: the lab question templates. */
export async function listLabTemplates(prisma: PrismaClient) {
  return prisma.question.findMany({
    where: { kind: "LAB" },
    orderBy: [{ drill: { number: "asc" } }, { position: "asc" }],
    select: {
      id: true,
      slug: true,
      prompt: true,
      spec: true,
      version: true,
      published: true,
      drill: { select: { number: true, title: true } },
    },
  });
}

/** Rubrics with their owning drills and criteria counts by level. */
export async function listRubricsForAuthoring(prisma: PrismaClient) {
  return prisma.rubric.findMany({
    orderBy: { slug: "asc" },
    include: {
      drills: { select: { id: true, number: true, title: true } },
      criteria: {
        select: { key: true, level: true, description: true, position: true },
        orderBy: { position: "asc" },
      },
    },
  });
}

/** Decks with card counts, shown and hidden. */
export async function listDecksForAuthoring(prisma: PrismaClient) {
  const decks = await prisma.deck.findMany({
    orderBy: { slug: "asc" },
    include: { flashcards: { select: { published: true } } },
  });
  return decks.map((deck) => ({
    id: deck.id,
    slug: deck.slug,
    title: deck.title,
    cards: deck.flashcards.length,
    shownCards: deck.flashcards.filter((card) => card.published).length,
  }));
}

/** Collects the dotted paths of every number in a lab result, for metric path suggestions. */
export function numericPaths(
  value: unknown,
  prefix = "",
  limit = 200,
): string[] {
  const paths: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (paths.length >= limit) return;
    if (typeof node === "number" && Number.isFinite(node)) {
      paths.push(path);
      return;
    }
    if (node === null || typeof node !== "object") return;
    // Long arrays are curves (ROC points), not metrics a question would read.
    if (Array.isArray(node) && node.length > 20) return;
    for (const [key, child] of Object.entries(node))
      walk(child, path === "" ? key : `${path}.${key}`);
  };
  walk(value, prefix);
  return paths;
}

/** Each lab with its rules and the metric paths of its newest stored run. */
export async function listLabChoices(prisma: PrismaClient) {
  const labs = [...labDefinitions.values()];
  return Promise.all(
    labs.map(async (definition) => {
      const run = await prisma.labRun.findFirst({
        where: { lab: definition.slug, status: "SUCCEEDED" },
        orderBy: { createdAt: "desc" },
        select: { result: true },
      });
      return {
        slug: definition.slug,
        title: definition.title,
        rules: Object.keys(definition.rules),
        metricPaths: run?.result ? numericPaths(run.result) : [],
      };
    }),
  );
}
