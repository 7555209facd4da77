import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

import { scoreAnswerText } from "./auto-score";
import { refreshInterviewLevel } from "./interview-level";
import { graceMs } from "./limits";
import { loadRubricVersion } from "./rubric-versions";

type Client = PrismaClient | Prisma.TransactionClient;

/** The answer slot a learner is on: the first one not submitted. */
export async function currentAnswer(prisma: Client, interviewId: string) {
  return prisma.mockAnswer.findFirst({
    where: { interviewId, submittedAt: null },
    orderBy: { position: "asc" },
  });
}

/** Returns true when a time is past a deadline plus the grace. */
export function isPastGrace(deadlineAt: Date, now: Date): boolean {
  return now.getTime() > deadlineAt.getTime() + graceMs;
}

/**
 * Submits an answer's saved draft because its time ran out, unless the
 * answer was submitted meanwhile. The time used is the whole limit.
 * Returns true when this call stored the submission.
 */
export async function submitSavedDraft(
  prisma: Client,
  answer: {
    id: string;
    draft: string;
    rubricId: string;
    rubricVersion: number;
    startedAt: Date | null;
    deadlineAt: Date | null;
  },
  now: Date,
): Promise<boolean> {
  const rubric = await loadRubricVersion(
    prisma,
    answer.rubricId,
    answer.rubricVersion,
  );
  const autoScores = scoreAnswerText(answer.draft, rubric.criteria);
  const limitMs =
    answer.startedAt && answer.deadlineAt
      ? answer.deadlineAt.getTime() - answer.startedAt.getTime()
      : null;

  const updated = await prisma.mockAnswer.updateMany({
    where: { id: answer.id, submittedAt: null, draft: answer.draft },
    data: {
      submittedAt: now,
      autoSubmitted: true,
      timeUsedMs: limitMs,
      autoScores: autoScores as unknown as Prisma.InputJsonValue,
    },
  });
  if (updated.count === 1) return true;

  // Either another request submitted it, or a late draft save changed the
  // text between our read and write: in the second case score the newer
  // draft.
  const fresh = await prisma.mockAnswer.findUnique({
    where: { id: answer.id },
  });
  if (!fresh || fresh.submittedAt) return false;
  return submitSavedDraft(prisma, fresh, now);
}

/**
 * Marks an interview finished when every answer is submitted, and stores
 * its level estimate. Returns true when this call finished it.
 */
export async function finishIfComplete(
  prisma: Client,
  interviewId: string,
  now: Date,
): Promise<boolean> {
  const open = await prisma.mockAnswer.count({
    where: { interviewId, submittedAt: null },
  });
  if (open > 0) return false;

  const finished = await prisma.mockInterview.updateMany({
    where: { id: interviewId, status: "IN_PROGRESS" },
    data: { status: "FINISHED", finishedAt: now },
  });
  if (finished.count === 0) return false;

  const level = await refreshInterviewLevel(prisma, interviewId);
  log.info({ interviewId, level: level.level }, "mock interview finished");
  return true;
}

/**
 * Applies the server's clock to an interview in progress: when the current
 * question's deadline plus the grace has passed, its saved draft is
 * submitted as a timed-out answer, and the interview finishes if that was
 * the last question. This runs whenever the interview is loaded or
 * written, so a closed tab loses nothing. Returns true when it submitted.
 */
export async function settleTimeouts(
  prisma: Client,
  interviewId: string,
  now: Date,
): Promise<boolean> {
  const answer = await currentAnswer(prisma, interviewId);
  if (!answer) {
    await finishIfComplete(prisma, interviewId, now);
    return false;
  }
  if (!answer.deadlineAt || !isPastGrace(answer.deadlineAt, now)) return false;

  const submitted = await submitSavedDraft(prisma, answer, now);
  if (submitted) {
    log.info(
      { interviewId, answerId: answer.id, position: answer.position },
      "mock answer timed out; saved draft submitted",
    );
  }
  await finishIfComplete(prisma, interviewId, now);
  return submitted;
}

/**
 * Settles every interview in progress that matches `where` and has run out
 * of time: its current question is past its deadline plus the grace, or
 * every answer is submitted but the interview was not marked finished.
 * Each is settled by settleTimeouts, exactly as when its learner reopens
 * it, so lists and reports show the state a reopen would show without
 * waiting for one. A timed-out question that was not the last leaves the
 * interview in progress with the next question not started. Returns the
 * ids of the interviews settled.
 */
export async function settleExpiredInterviews(
  prisma: PrismaClient,
  where: Prisma.MockInterviewWhereInput,
  now: Date,
): Promise<string[]> {
  const deadlineCutoff = new Date(now.getTime() - graceMs);
  const expired = await prisma.mockInterview.findMany({
    where: {
      AND: [
        where,
        { status: "IN_PROGRESS" },
        {
          OR: [
            {
              answers: {
                some: { submittedAt: null, deadlineAt: { lt: deadlineCutoff } },
              },
            },
            { answers: { every: { submittedAt: { not: null } } } },
          ],
        },
      ],
    },
    select: { id: true },
  });
  for (const interview of expired) {
    await settleTimeouts(prisma, interview.id, now);
  }
  return expired.map((interview) => interview.id);
}

/**
 * Starts the clock of the current question if it has not started: the
 * deadline is `now` plus the interview's limit. Two tabs loading at once
 * start it once (conditional update). Returns the current answer, or null
 * when every answer is submitted.
 */
export async function startCurrentQuestion(
  prisma: Client,
  interview: { id: string; perQuestionSeconds: number },
  now: Date,
) {
  const answer = await currentAnswer(prisma, interview.id);
  if (!answer || answer.startedAt) return answer;

  await prisma.mockAnswer.updateMany({
    where: { id: answer.id, startedAt: null },
    data: {
      startedAt: now,
      deadlineAt: new Date(now.getTime() + interview.perQuestionSeconds * 1000),
    },
  });
  return prisma.mockAnswer.findUnique({ where: { id: answer.id } });
}
