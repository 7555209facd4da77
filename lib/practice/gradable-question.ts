import { currentChangeFeed } from "@/lib/cache/change-feed";
import { InvalidatedCache } from "@/lib/cache/invalidated-cache";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  questionSpecSchema,
  type QuestionSpec,
  type RubricCriterionSpec,
} from "@/lib/grading/spec";

/** A published question as grading reads it, with its spec parsed once. */
export interface GradableQuestion {
  id: string;
  slug: string;
  drillId: string;
  version: number;
  explanation: string | null;
  spec: QuestionSpec;
  /** The rubric of a free-text question (its own, else its drill's); null for other kinds or none. */
  rubric: { version: number; criteria: RubricCriterionSpec[] } | null;
}

/**
 * Published questions by id, dropped whenever the database announces a
 * change to drills, questions, rubrics or criteria (authoring and imports
 * are rare, answers are not). Without a running change feed every read
 * goes to the database.
 */
const gradableQuestions = new InvalidatedCache<GradableQuestion | null>({
  source: currentChangeFeed,
  affects: (change) => (change.kind === "user" ? null : "*"),
  maxEntries: 5_000,
  maxAgeMs: 60_000,
});

/** Loads the rubric a free-text question is graded with: its own, else its drill's. */
async function loadRubric(
  prisma: PrismaClient,
  question: { rubricId: string | null; drillId: string },
): Promise<GradableQuestion["rubric"]> {
  const rubricId =
    question.rubricId ??
    (
      await prisma.drill.findUnique({
        where: { id: question.drillId },
        select: { rubricId: true },
      })
    )?.rubricId;
  if (!rubricId) return null;
  const rubric = await prisma.rubric.findUnique({
    where: { id: rubricId },
    select: {
      version: true,
      criteria: {
        orderBy: { position: "asc" },
        select: {
          key: true,
          level: true,
          description: true,
          points: true,
          concepts: true,
        },
      },
    },
  });
  if (!rubric) return null;
  return {
    version: rubric.version,
    criteria: rubric.criteria.map((row) => ({
      ...row,
      concepts: row.concepts as RubricCriterionSpec["concepts"],
    })),
  };
}

async function loadFromDatabase(
  prisma: PrismaClient,
  questionId: string,
): Promise<GradableQuestion | null> {
  const question = await prisma.question.findFirst({
    where: { id: questionId, published: true, drill: { published: true } },
    select: {
      id: true,
      slug: true,
      drillId: true,
      version: true,
      spec: true,
      explanation: true,
      rubricId: true,
    },
  });
  if (!question) return null;
  const spec = questionSpecSchema.parse(question.spec);
  return {
    id: question.id,
    slug: question.slug,
    drillId: question.drillId,
    version: question.version,
    explanation: question.explanation,
    spec,
    rubric:
      spec.kind === "free_text" ? await loadRubric(prisma, question) : null,
  };
}

/**
 * Returns a published question of a published drill with its parsed spec
 * and, for free text, its rubric; null when there is no such question.
 *
 * @throws ZodError when the stored spec does not fit its kind (a content
 *   fault; nothing is cached then).
 */
export function loadGradableQuestion(
  prisma: PrismaClient,
  questionId: string,
): Promise<GradableQuestion | null> {
  return gradableQuestions.get(questionId, () =>
    loadFromDatabase(prisma, questionId),
  );
}
