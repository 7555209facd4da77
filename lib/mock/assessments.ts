import { canReviewLearner, type Reviewer } from "@/lib/cohorts/teaching";
import { ForbiddenError, UserError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

import { refreshInterviewLevel } from "./interview-level";
import { loadRubricVersion } from "./rubric-versions";

/** Longest instructor comment, in characters. */
export const maxOverrideCommentLength = 2000;

function unknownKeys(keys: string[], criteria: { key: string }[]): string[] {
  const known = new Set(criteria.map((criterion) => criterion.key));
  return keys.filter((key) => !known.has(key));
}

/**
 * Stores the learner's self-assessment of a submitted answer: met or not
 * for each criterion of the rubric version the answer was scored with.
 * Criteria left out keep their earlier self-assessment.
 *
 * @throws UserError when the answer is not the user's, is not submitted,
 *   or a key is not a criterion of its rubric version.
 */
export async function saveSelfAssessment(
  prisma: PrismaClient,
  input: { userId: string; answerId: string; scores: Record<string, boolean> },
): Promise<void> {
  const answer = await prisma.mockAnswer.findFirst({
    where: { id: input.answerId, interview: { userId: input.userId } },
  });
  if (!answer) {
    throw new UserError(
      `Answer ${input.answerId} was not found among your mock interviews.`,
    );
  }
  if (!answer.submittedAt) {
    throw new UserError(
      "Submit this answer before assessing it against the rubric.",
    );
  }
  const rubric = await loadRubricVersion(
    prisma,
    answer.rubricId,
    answer.rubricVersion,
  );
  const unknown = unknownKeys(Object.keys(input.scores), rubric.criteria);
  if (unknown.length > 0) {
    throw new UserError(
      `Criterion ${unknown.join(", ")} is not in version ${rubric.version} of the rubric "${rubric.title}". Reload the report and assess again.`,
    );
  }

  const previous = (answer.selfScores ?? {}) as Record<string, boolean>;
  await prisma.mockAnswer.update({
    where: { id: answer.id },
    data: {
      selfScores: { ...previous, ...input.scores } as Prisma.InputJsonValue,
    },
  });
}

/** Message for an instructor who does not teach the interview's learner. */
export const notYourLearnerMessage =
  "This learner is not in your classes, so you cannot see or score their mock interviews. Ask them to join one of your classes with its join code, or ask an admin.";

/**
 * Throws unless the reviewer may see and score the learner's interviews:
 * an admin, or the instructor of a class the learner is in.
 *
 * @throws ForbiddenError with notYourLearnerMessage.
 */
export async function assertCanReviewLearner(
  prisma: PrismaClient,
  reviewer: Reviewer,
  learnerId: string,
): Promise<void> {
  if (!(await canReviewLearner(prisma, reviewer, learnerId))) {
    throw new ForbiddenError(notYourLearnerMessage);
  }
}

export interface OverrideInput {
  /** The instructor or admin who scores; stored as the override's instructor. */
  reviewer: Reviewer;
  answerId: string;
  criterionKey: string;
  met: boolean;
  comment: string;
  now: Date;
}

async function loadFinishedAnswer(
  prisma: PrismaClient,
  answerId: string,
  reviewer: Reviewer,
) {
  const answer = await prisma.mockAnswer.findUnique({
    where: { id: answerId },
    include: {
      interview: { select: { id: true, status: true, userId: true } },
    },
  });
  if (!answer) throw new UserError(`Mock answer ${answerId} was not found.`);
  await assertCanReviewLearner(prisma, reviewer, answer.interview.userId);
  if (answer.interview.status !== "FINISHED" || !answer.submittedAt) {
    throw new UserError(
      "This interview is not finished yet. Scores can be overridden once the learner has finished it.",
    );
  }
  return answer;
}

/**
 * Stores an instructor's score of one criterion of a finished interview's
 * answer, with a comment, replacing an earlier override of the same
 * criterion. The report keeps the automatic score beside it; the
 * interview's level estimate is recomputed. Each override is written to
 * the audit log.
 *
 * @throws ForbiddenError when the reviewer does not teach the learner.
 * @throws UserError when the comment is empty or too long, the answer is
 *   unknown or its interview unfinished, or the key is not a criterion of
 *   the answer's rubric version.
 */
export async function overrideCriterion(
  prisma: PrismaClient,
  input: OverrideInput,
): Promise<void> {
  const comment = input.comment.trim();
  if (comment === "") {
    throw new UserError(
      "Write a comment that tells the learner why the score changed.",
      {
        comment: ["required"],
      },
    );
  }
  if (comment.length > maxOverrideCommentLength) {
    throw new UserError(
      `The comment is ${comment.length} characters long, over the limit of ${maxOverrideCommentLength}. Shorten it.`,
      { comment: [`at most ${maxOverrideCommentLength} characters`] },
    );
  }
  const answer = await loadFinishedAnswer(
    prisma,
    input.answerId,
    input.reviewer,
  );
  const rubric = await loadRubricVersion(
    prisma,
    answer.rubricId,
    answer.rubricVersion,
  );
  if (unknownKeys([input.criterionKey], rubric.criteria).length > 0) {
    throw new UserError(
      `Criterion "${input.criterionKey}" is not in version ${rubric.version} of the rubric "${rubric.title}". Reload the page.`,
    );
  }

  await prisma.$transaction(async (tx) => {
    await tx.criterionOverride.upsert({
      where: {
        mockAnswerId_criterionKey: {
          mockAnswerId: answer.id,
          criterionKey: input.criterionKey,
        },
      },
      create: {
        mockAnswerId: answer.id,
        criterionKey: input.criterionKey,
        met: input.met,
        comment,
        instructorId: input.reviewer.id,
        createdAt: input.now,
      },
      update: {
        met: input.met,
        comment,
        instructorId: input.reviewer.id,
        createdAt: input.now,
      },
    });
    await tx.auditLog.create({
      data: {
        actorId: input.reviewer.id,
        action: "mock.override",
        entityType: "MockAnswer",
        entityId: answer.id,
        detail: { criterionKey: input.criterionKey, met: input.met, comment },
        createdAt: input.now,
      },
    });
    await refreshInterviewLevel(tx, answer.interviewId);
  });
  log.info(
    {
      answerId: answer.id,
      criterionKey: input.criterionKey,
      instructorId: input.reviewer.id,
    },
    "mock criterion overridden",
  );
}

/**
 * Removes an instructor's override so the automatic score counts again.
 * Removing one that does not exist is harmless.
 *
 * @throws ForbiddenError when the reviewer does not teach the learner.
 * @throws UserError when the answer is unknown or its interview unfinished.
 */
export async function removeOverride(
  prisma: PrismaClient,
  input: {
    reviewer: Reviewer;
    answerId: string;
    criterionKey: string;
    now: Date;
  },
): Promise<void> {
  const answer = await loadFinishedAnswer(
    prisma,
    input.answerId,
    input.reviewer,
  );
  await prisma.$transaction(async (tx) => {
    const removed = await tx.criterionOverride.deleteMany({
      where: { mockAnswerId: answer.id, criterionKey: input.criterionKey },
    });
    if (removed.count === 0) return;
    await tx.auditLog.create({
      data: {
        actorId: input.reviewer.id,
        action: "mock.override.remove",
        entityType: "MockAnswer",
        entityId: answer.id,
        detail: { criterionKey: input.criterionKey },
        createdAt: input.now,
      },
    });
    await refreshInterviewLevel(tx, answer.interviewId);
  });
}
