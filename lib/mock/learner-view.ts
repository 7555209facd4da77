import type { PrismaClient } from "@/lib/generated/prisma/client";

import { settleTimeouts, startCurrentQuestion } from "./lifecycle";
import { numericQuestionsByDrill } from "./numeric-question";

/** One question of an interview as its list on the page shows it. */
export interface InterviewQuestionSummary {
  position: number;
  drillNumber: number;
  drillTitle: string;
  state: "submitted" | "current" | "upcoming";
  autoSubmitted: boolean;
  timeUsedMs: number | null;
}

/** The question the learner is answering now. */
export interface CurrentQuestion {
  answerId: string;
  position: number;
  drill: { number: number; title: string; prompt: string };
  /** Set for drills that also ask for a numeric estimate. */
  numeric: { prompt: string; unit: string | null } | null;
  draft: string;
  numericDraft: string;
  deadlineAt: Date;
}

/** The data the interview page renders. */
export interface InterviewView {
  id: string;
  status: "IN_PROGRESS" | "FINISHED" | "ABANDONED";
  perQuestionSeconds: number;
  questions: InterviewQuestionSummary[];
  current: CurrentQuestion | null;
  /** The server's clock when the view was built. */
  serverNow: Date;
  /** Time left on the current question, in ms (0 past the deadline). */
  remainingMs: number;
  /** Time left on the current question plus every upcoming question's limit, in ms. */
  overallRemainingMs: number;
}

/**
 * Loads one of the user's interviews for its page. Loading applies the
 * server's clock first: a question past its deadline and grace is
 * submitted with its saved draft, and the next question's clock starts
 * now. Returns null when the interview is not the user's.
 */
export async function loadInterviewForLearner(
  prisma: PrismaClient,
  input: { userId: string; interviewId: string; now: Date },
): Promise<InterviewView | null> {
  const owned = await prisma.mockInterview.findFirst({
    where: { id: input.interviewId, userId: input.userId },
    select: { id: true, status: true, perQuestionSeconds: true },
  });
  if (!owned) return null;

  if (owned.status === "IN_PROGRESS") {
    await settleTimeouts(prisma, owned.id, input.now);
    const refreshed = await prisma.mockInterview.findUniqueOrThrow({
      where: { id: owned.id },
      select: { status: true },
    });
    if (refreshed.status === "IN_PROGRESS") {
      await startCurrentQuestion(prisma, owned, input.now);
    }
  }

  const interview = await prisma.mockInterview.findUniqueOrThrow({
    where: { id: owned.id },
    include: {
      answers: { orderBy: { position: "asc" } },
    },
  });
  const drills = await prisma.drill.findMany({
    where: { id: { in: interview.answers.map((answer) => answer.drillId) } },
    select: { id: true, number: true, title: true, prompt: true },
  });
  const drillById = new Map(drills.map((drill) => [drill.id, drill]));

  const currentRow =
    interview.status === "IN_PROGRESS"
      ? interview.answers.find(
          (answer) => answer.submittedAt === null && answer.startedAt,
        )
      : undefined;

  const questions: InterviewQuestionSummary[] = interview.answers.map(
    (answer) => {
      const drill = drillById.get(answer.drillId);
      let state: InterviewQuestionSummary["state"] = "upcoming";
      if (answer.submittedAt) state = "submitted";
      else if (answer.id === currentRow?.id) state = "current";
      return {
        position: answer.position,
        drillNumber: drill?.number ?? 0,
        drillTitle: drill?.title ?? "Removed drill",
        state,
        autoSubmitted: answer.autoSubmitted,
        timeUsedMs: answer.timeUsedMs,
      };
    },
  );

  let current: CurrentQuestion | null = null;
  let remainingMs = 0;
  if (currentRow?.deadlineAt) {
    const drill = drillById.get(currentRow.drillId);
    const numeric = (
      await numericQuestionsByDrill(prisma, [currentRow.drillId])
    ).get(currentRow.drillId);
    current = {
      answerId: currentRow.id,
      position: currentRow.position,
      drill: {
        number: drill?.number ?? 0,
        title: drill?.title ?? "Removed drill",
        prompt: drill?.prompt ?? "",
      },
      numeric: numeric
        ? { prompt: numeric.prompt, unit: numeric.spec.unit ?? null }
        : null,
      draft: currentRow.draft,
      numericDraft: currentRow.numericDraft ?? "",
      deadlineAt: currentRow.deadlineAt,
    };
    remainingMs = Math.max(
      0,
      currentRow.deadlineAt.getTime() - input.now.getTime(),
    );
  }
  const upcoming = questions.filter(
    (question) => question.state === "upcoming",
  ).length;

  return {
    id: interview.id,
    status: interview.status,
    perQuestionSeconds: interview.perQuestionSeconds,
    questions,
    current,
    serverNow: input.now,
    remainingMs,
    overallRemainingMs:
      remainingMs + upcoming * interview.perQuestionSeconds * 1000,
  };
}
