import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { UserError } from "@/lib/errors";

import { scoreAnswerText } from "./auto-score";
import {
  finishIfComplete,
  isPastGrace,
  settleTimeouts,
  submitSavedDraft,
} from "./lifecycle";
import { mockLimits } from "./limits";
import { loadRubricVersion } from "./rubric-versions";

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  timeStyle: "medium",
  timeZone: "UTC",
});

/** Loads an answer of one of the user's interviews, or throws. */
async function loadOwnAnswer(
  prisma: PrismaClient,
  userId: string,
  answerId: string,
) {
  const answer = await prisma.mockAnswer.findFirst({
    where: { id: answerId, interview: { userId } },
    include: { interview: { select: { id: true, status: true } } },
  });
  if (!answer) {
    throw new UserError(
      `Answer ${answerId} was not found among your mock interviews. Reload the page.`,
    );
  }
  return answer;
}

function checkLength(
  text: string,
  numeric: string | null,
  action: string,
): void {
  if (text.length > mockLimits.maxAnswerLength) {
    throw new UserError(
      `Your answer is ${text.length.toLocaleString("en-US")} characters long, over the limit of ${mockLimits.maxAnswerLength.toLocaleString("en-US")}. Shorten it and ${action} again; your last saved draft is kept.`,
      { text: [`at most ${mockLimits.maxAnswerLength} characters`] },
    );
  }
  if (numeric !== null && numeric.length > mockLimits.maxNumericLength) {
    throw new UserError(
      `Your numeric estimate is ${numeric.length} characters long, over the limit of ${mockLimits.maxNumericLength}. Write just the number and its unit.`,
      { numeric: [`at most ${mockLimits.maxNumericLength} characters`] },
    );
  }
}

export interface SaveDraftInput {
  userId: string;
  answerId: string;
  text: string;
  /** The numeric estimate as typed, or null when the drill asks for none. */
  numeric: string | null;
  now: Date;
}

/** What happened to a draft. */
export type SaveDraftResult =
  | { status: "saved"; savedAt: Date }
  /** The answer was already submitted (in another tab or by the server). */
  | { status: "submitted" }
  /** The deadline and grace passed; the saved draft was submitted instead. */
  | { status: "closed" };

/**
 * Saves the draft of the current answer. Drafts are accepted until the
 * deadline plus the grace; a later one submits the previously saved draft
 * as the timed-out answer and is itself dropped.
 *
 * @throws UserError when the text is over the length limit (the stored
 *   draft stays as it was), the answer is not the user's, or its question
 *   has not started.
 */
export async function saveDraft(
  prisma: PrismaClient,
  input: SaveDraftInput,
): Promise<SaveDraftResult> {
  checkLength(input.text, input.numeric, "save");
  const answer = await loadOwnAnswer(prisma, input.userId, input.answerId);
  if (answer.submittedAt || answer.interview.status !== "IN_PROGRESS") {
    return { status: "submitted" };
  }
  if (!answer.startedAt || !answer.deadlineAt) {
    throw new UserError(
      "This question has not started yet. Reload the interview page.",
    );
  }
  if (isPastGrace(answer.deadlineAt, input.now)) {
    await settleTimeouts(prisma, answer.interviewId, input.now);
    return { status: "closed" };
  }

  const updated = await prisma.mockAnswer.updateMany({
    where: { id: answer.id, submittedAt: null },
    data: {
      draft: input.text,
      numericDraft: input.numeric,
      draftSavedAt: input.now,
    },
  });
  if (updated.count === 0) return { status: "submitted" };
  return { status: "saved", savedAt: input.now };
}

export interface SubmitAnswerInput extends SaveDraftInput {
  /** "timeout" when the page submits because its countdown reached zero. */
  reason: "early" | "timeout";
}

/** What happened to a submission. */
export interface SubmitAnswerResult {
  /** "duplicate": another request had already submitted this answer. */
  status: "submitted" | "duplicate";
  /** True when this was the last answer and the interview finished. */
  finished: boolean;
}

/**
 * Submits an answer: scores it against the rubric version the answer
 * recorded and stores it once. Two requests for the same answer store one
 * submission (a conditional update on submittedAt); the second gets
 * "duplicate". A submission up to the grace after the deadline is
 * accepted.
 *
 * @throws UserError when the text is over the length limit (the saved
 *   draft is kept and the question stays open), the question has not
 *   started, or the submission arrived after the deadline plus the grace:
 *   then the saved draft has been submitted as the timed-out answer and
 *   the message says so.
 */
export async function submitAnswer(
  prisma: PrismaClient,
  input: SubmitAnswerInput,
): Promise<SubmitAnswerResult> {
  checkLength(input.text, input.numeric, "submit");
  const answer = await loadOwnAnswer(prisma, input.userId, input.answerId);
  if (answer.submittedAt) {
    return {
      status: "duplicate",
      finished: answer.interview.status === "FINISHED",
    };
  }
  if (answer.interview.status !== "IN_PROGRESS") {
    throw new UserError(
      "This mock interview was abandoned, so it takes no more answers. Start a new one from the mock interview page.",
    );
  }
  if (!answer.startedAt || !answer.deadlineAt) {
    throw new UserError(
      "This question has not started yet. Reload the interview page.",
    );
  }

  if (isPastGrace(answer.deadlineAt, input.now)) {
    await submitSavedDraft(prisma, answer, input.now);
    await finishIfComplete(prisma, answer.interviewId, input.now);
    const lateSeconds = Math.round(
      (input.now.getTime() - answer.deadlineAt.getTime()) / 1000,
    );
    throw new UserError(
      `Time for this question ran out at ${timeFormat.format(answer.deadlineAt)} UTC and your answer arrived ${lateSeconds} s later, past the ${mockLimits.graceSeconds}-second grace, so it was not accepted. Your last saved draft was submitted as the answer instead.`,
    );
  }

  const rubric = await loadRubricVersion(
    prisma,
    answer.rubricId,
    answer.rubricVersion,
  );
  const autoScores = scoreAnswerText(input.text, rubric.criteria);
  const limitMs = answer.deadlineAt.getTime() - answer.startedAt.getTime();
  const timeUsedMs = Math.min(
    Math.max(0, input.now.getTime() - answer.startedAt.getTime()),
    limitMs,
  );

  const updated = await prisma.mockAnswer.updateMany({
    where: { id: answer.id, submittedAt: null },
    data: {
      draft: input.text,
      numericDraft: input.numeric,
      draftSavedAt: input.now,
      submittedAt: input.now,
      autoSubmitted: input.reason === "timeout",
      timeUsedMs,
      autoScores: autoScores as unknown as Prisma.InputJsonValue,
    },
  });
  if (updated.count === 0) {
    const status = await prisma.mockInterview.findUnique({
      where: { id: answer.interviewId },
      select: { status: true },
    });
    return { status: "duplicate", finished: status?.status === "FINISHED" };
  }

  const finished = await finishIfComplete(
    prisma,
    answer.interviewId,
    input.now,
  );
  return { status: "submitted", finished };
}
