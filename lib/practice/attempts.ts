import { randomUUID } from "node:crypto";

import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import {
  gradeAnswer,
  InvalidAnswerError,
  InvalidSpecError,
} from "@/lib/grading";
import type { GradeResult } from "@/lib/grading/spec";
import { UserError } from "@/lib/errors";
import { log } from "@/lib/log";

import { loadGradableQuestion } from "./gradable-question";

/** The result of a stored attempt, as the learner sees it. */
export interface SubmittedAttempt {
  attemptId: string;
  score: number;
  correct: boolean;
  summary: string;
  hint?: string;
  details?: unknown;
  /** The question's explanation; content never puts a lab value in it. */
  explanation?: string | null;
  /** True when this idempotency key was already stored. */
  duplicate: boolean;
}

export interface SubmitAttemptInput {
  userId: string;
  questionId: string;
  answer: unknown;
  idempotencyKey?: string;
  durationMs?: number;
}

function toSubmitted(
  attempt: {
    id: string;
    score: number;
    correct: boolean;
    feedback: Prisma.JsonValue;
  },
  duplicate: boolean,
): SubmittedAttempt {
  const feedback = (attempt.feedback ?? {}) as Partial<GradeResult>;
  return {
    attemptId: attempt.id,
    score: attempt.score,
    correct: attempt.correct,
    summary: feedback.summary ?? "",
    hint: feedback.hint,
    details: feedback.details,
    duplicate,
  };
}

/**
 * Returns the attempt already stored under the input's idempotency key,
 * or null when there is none.
 *
 * @throws UserError when the key belongs to another user's attempt.
 */
async function findStoredAttempt(
  prisma: PrismaClient,
  input: SubmitAttemptInput,
): Promise<SubmittedAttempt | null> {
  if (!input.idempotencyKey) return null;
  const existing = await prisma.attempt.findUnique({
    where: { idempotencyKey: input.idempotencyKey },
    include: { question: { select: { explanation: true } } },
  });
  if (!existing) return null;
  if (existing.userId !== input.userId) {
    throw new UserError(
      "This submission key belongs to another answer. Reload the page and submit again.",
    );
  }
  return {
    ...toSubmitted(existing, true),
    explanation: existing.question.explanation,
  };
}

/**
 * Grades an answer and stores it as an attempt of the user, pinned to the
 * question's current version. A repeated idempotency key returns the
 * attempt stored the first time instead of storing a second one. Lab
 * answers are checked against the user's own succeeded run.
 *
 * @throws UserError when the question is unknown or unpublished, the
 *   answer does not fit the question's kind, or the lab run is missing.
 */
export async function submitAttempt(
  prisma: PrismaClient,
  input: SubmitAttemptInput,
): Promise<SubmittedAttempt> {
  // A repeated idempotency key is caught by the unique index when the
  // attempt is inserted, which saves a read on every first submission.
  const question = await loadGradableQuestion(prisma, input.questionId);
  if (!question) {
    const stored = await findStoredAttempt(prisma, input);
    if (stored) return stored;
    throw new UserError(
      "This question is not available. Reload the drill and try again.",
    );
  }
  const { spec, rubric } = question;

  let labRun: { id: string; result: Prisma.JsonValue } | null = null;
  if (spec.kind === "lab") {
    const labRunId = (input.answer as { labRunId?: unknown } | null)?.labRunId;
    if (typeof labRunId !== "string" || labRunId === "") {
      throw new UserError(
        "Run the lab first, then answer from your run's results.",
      );
    }
    labRun = await prisma.labRun.findFirst({
      where: {
        id: labRunId,
        userId: input.userId,
        lab: spec.lab,
        status: "SUCCEEDED",
      },
      select: { id: true, result: true },
    });
    if (!labRun) {
      throw new UserError(
        "That lab run was not found among your finished runs of this lab. Run the lab again.",
      );
    }
  }

  const { labRules } = await import("@/lib/labs/rules");
  let graded: GradeResult;
  try {
    graded = gradeAnswer(spec, input.answer, {
      rubric: rubric?.criteria,
      labRun: labRun ? { id: labRun.id, result: labRun.result } : undefined,
      labRules,
    });
  } catch (error) {
    if (error instanceof InvalidAnswerError) {
      throw new UserError(`Your answer could not be graded. ${error.message}`, {
        [`answer.${error.field}`]: [error.message],
      });
    }
    if (error instanceof InvalidSpecError) {
      log.error(
        { err: error, questionId: question.id, slug: question.slug },
        "question spec cannot be graded",
      );
      throw new UserError(
        "This question cannot be graded because of a fault in its content. Nothing was saved; an instructor needs to fix it.",
      );
    }
    throw error;
  }

  const feedback = {
    summary: graded.summary,
    hint: graded.hint,
    details: graded.details,
    rubricVersion: rubric?.version,
  } as Prisma.InputJsonValue;

  // One INSERT through the raw query API: the hot path of submission skips
  // Prisma's query planning, and ON CONFLICT turns a repeated idempotency
  // key (a retry, or a concurrent request) into an empty result instead of
  // an error. It takes less than half the CPU of attempt.create
  // (scripts/bench/attempt-insert.ts: 0.13 ms against 0.30 ms per row).
  const attemptId = randomUUID();
  const inserted = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "Attempt" ("id", "userId", "questionId", "questionVersion",
      "answer", "score", "correct", "feedback", "labRunId", "durationMs",
      "idempotencyKey")
    VALUES (${attemptId}, ${input.userId}, ${question.id}, ${question.version},
      ${JSON.stringify(input.answer ?? null)}::jsonb, ${graded.score},
      ${graded.correct}, ${JSON.stringify(feedback)}::jsonb,
      ${labRun?.id ?? null}, ${input.durationMs ?? null},
      ${input.idempotencyKey ?? null})
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 0) {
    const stored = await findStoredAttempt(prisma, input);
    if (stored) return stored;
    throw new Error(
      `attempt insert under key ${input.idempotencyKey} conflicted, but no attempt has that key`,
    );
  }
  return {
    ...toSubmitted(
      {
        id: attemptId,
        score: graded.score,
        correct: graded.correct,
        feedback: feedback as Prisma.JsonValue,
      },
      false,
    ),
    explanation: question.explanation,
  };
}
