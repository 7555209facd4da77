import type { SessionUser } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** An attempt beside the question version it answered. */
export interface AttemptWithVersion {
  attemptId: string;
  userId: string;
  score: number;
  correct: boolean;
  answer: unknown;
  createdAt: Date;
  /** The version the attempt answered; it never changes after the attempt. */
  questionVersion: number;
  /** The question as it was at that version (null when the snapshot is missing). */
  asAnswered: { kind: string; prompt: string; spec: unknown } | null;
  /** The question's version now, for "edited since" notes. */
  currentVersion: number;
}

/**
 * Loads an attempt with the QuestionVersion snapshot it was made against,
 * so it is shown against the question as the learner saw it, not as it
 * reads after later edits.
 *
 * @returns null when there is no such attempt.
 * @throws ForbiddenError unless the viewer made the attempt or is an
 *   instructor or admin.
 */
export async function loadAttemptWithVersion(
  prisma: PrismaClient,
  viewer: SessionUser,
  attemptId: string,
): Promise<AttemptWithVersion | null> {
  const attempt = await prisma.attempt.findUnique({
    where: { id: attemptId },
    include: { question: { select: { version: true } } },
  });
  if (!attempt) return null;
  if (attempt.userId !== viewer.id && viewer.role === "LEARNER") {
    throw new ForbiddenError("This attempt belongs to another learner.");
  }
  const snapshot = await prisma.questionVersion.findUnique({
    where: {
      questionId_version: {
        questionId: attempt.questionId,
        version: attempt.questionVersion,
      },
    },
  });
  return {
    attemptId: attempt.id,
    userId: attempt.userId,
    score: attempt.score,
    correct: attempt.correct,
    answer: attempt.answer,
    createdAt: attempt.createdAt,
    questionVersion: attempt.questionVersion,
    asAnswered: snapshot
      ? { kind: snapshot.kind, prompt: snapshot.prompt, spec: snapshot.spec }
      : null,
    currentVersion: attempt.question.version,
  };
}

/** Counts a question's attempts per version answered, as version → count. */
export async function attemptCountsByVersion(
  prisma: PrismaClient,
  questionId: string,
): Promise<Map<number, number>> {
  const rows = await prisma.attempt.groupBy({
    by: ["questionVersion"],
    where: { questionId },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.questionVersion, row._count._all]));
}

/**
 * Lists a question's newest attempts, each with the prompt of the version
 * it answered, for the question's history page.
 */
export async function listAttemptsWithVersions(
  prisma: PrismaClient,
  questionId: string,
  take = 20,
) {
  const [attempts, versions] = await Promise.all([
    prisma.attempt.findMany({
      where: { questionId },
      orderBy: { createdAt: "desc" },
      take,
      select: {
        id: true,
        score: true,
        correct: true,
        questionVersion: true,
        createdAt: true,
        user: { select: { name: true, email: true } },
      },
    }),
    prisma.questionVersion.findMany({
      where: { questionId },
      select: { version: true, prompt: true },
    }),
  ]);
  const prompts = new Map(
    versions.map((version) => [version.version, version.prompt]),
  );
  return attempts.map((attempt) => ({
    ...attempt,
    promptAnswered: prompts.get(attempt.questionVersion) ?? null,
  }));
}
