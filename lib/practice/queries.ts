import type { PrismaClient } from "@/lib/generated/prisma/client";
import { questionSpecSchema } from "@/lib/grading/spec";

import { toPublicQuestion, type PublicQuestion } from "./public-question";

/** Published drills in chapter order, with their question counts. */
export async function listDrills(prisma: PrismaClient) {
  return prisma.drill.findMany({
    where: { published: true },
    orderBy: { number: "asc" },
    select: {
      id: true,
      slug: true,
      number: true,
      title: true,
      summary: true,
      topic: { select: { title: true } },
      _count: {
        select: { questions: { where: { published: true, labId: null } } },
      },
    },
  });
}

/** One published drill with its questions stripped of their answer keys. */
export async function getDrillForLearner(
  prisma: PrismaClient,
  slug: string,
): Promise<{
  id: string;
  slug: string;
  number: number;
  title: string;
  prompt: string;
  questions: PublicQuestion[];
} | null> {
  const drill = await prisma.drill.findFirst({
    where: { slug, published: true },
    include: {
      // Questions of a lab page (labId set) are asked on that page.
      questions: {
        where: { published: true, labId: null },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!drill) return null;

  return {
    id: drill.id,
    slug: drill.slug,
    number: drill.number,
    title: drill.title,
    prompt: drill.prompt,
    questions: drill.questions.map((question) =>
      toPublicQuestion({
        id: question.id,
        slug: question.slug,
        prompt: question.prompt,
        version: question.version,
        spec: questionSpecSchema.parse(question.spec),
      }),
    ),
  };
}

/**
 * The user's own attempts, newest first; never another user's. Each
 * carries the prompt of the question version it answered, which differs
 * from the current prompt once an instructor has edited the question.
 */
export async function listOwnAttempts(
  prisma: PrismaClient,
  userId: string,
  take = 200,
) {
  const attempts = await prisma.attempt.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      score: true,
      correct: true,
      answer: true,
      feedback: true,
      questionId: true,
      questionVersion: true,
      createdAt: true,
      question: {
        select: {
          slug: true,
          kind: true,
          prompt: true,
          version: true,
          drill: { select: { slug: true, number: true, title: true } },
        },
      },
    },
  });

  const pinned = attempts.filter(
    (attempt) => attempt.questionVersion !== attempt.question.version,
  );
  const versions =
    pinned.length === 0
      ? []
      : await prisma.questionVersion.findMany({
          where: {
            OR: pinned.map((attempt) => ({
              questionId: attempt.questionId,
              version: attempt.questionVersion,
            })),
          },
          select: { questionId: true, version: true, prompt: true },
        });
  const promptOf = new Map(
    versions.map((row) => [`${row.questionId}:${row.version}`, row.prompt]),
  );

  return attempts.map((attempt) => ({
    ...attempt,
    prompt:
      promptOf.get(`${attempt.questionId}:${attempt.questionVersion}`) ??
      attempt.question.prompt,
  }));
}
