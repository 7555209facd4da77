import { reviewableLearnersWhere, type Reviewer } from "@/lib/cohorts/teaching";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LevelEstimate } from "@/lib/progress/level";

import { settleExpiredInterviews } from "./lifecycle";

/** One past or running interview in a list. */
export interface InterviewSummary {
  id: string;
  status: "IN_PROGRESS" | "FINISHED" | "ABANDONED";
  startedAt: Date;
  finishedAt: Date | null;
  perQuestionSeconds: number;
  drills: { number: number; title: string }[];
  answered: number;
  levelEstimate: LevelEstimate | null;
  learner: { id: string; name: string | null; email: string };
  overrides: number;
}

const summarySelect = {
  id: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  perQuestionSeconds: true,
  levelEstimate: true,
  user: { select: { id: true, name: true, email: true } },
  answers: {
    orderBy: { position: "asc" as const },
    select: {
      submittedAt: true,
      drillId: true,
      _count: { select: { overrides: true } },
    },
  },
};

async function summarize(
  prisma: PrismaClient,
  rows: {
    id: string;
    status: InterviewSummary["status"];
    startedAt: Date;
    finishedAt: Date | null;
    perQuestionSeconds: number;
    levelEstimate: string | null;
    user: { id: string; name: string | null; email: string };
    answers: {
      submittedAt: Date | null;
      drillId: string;
      _count: { overrides: number };
    }[];
  }[],
): Promise<InterviewSummary[]> {
  const drillIds = [
    ...new Set(rows.flatMap((row) => row.answers.map((a) => a.drillId))),
  ];
  const drills = await prisma.drill.findMany({
    where: { id: { in: drillIds } },
    select: { id: true, number: true, title: true },
  });
  const drillById = new Map(drills.map((drill) => [drill.id, drill]));

  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    perQuestionSeconds: row.perQuestionSeconds,
    drills: row.answers.map((answer) => {
      const drill = drillById.get(answer.drillId);
      return {
        number: drill?.number ?? 0,
        title: drill?.title ?? "Removed drill",
      };
    }),
    answered: row.answers.filter((answer) => answer.submittedAt !== null)
      .length,
    levelEstimate: row.levelEstimate as LevelEstimate | null,
    learner: row.user,
    overrides: row.answers.reduce(
      (sum, answer) => sum + answer._count.overrides,
      0,
    ),
  }));
}

/**
 * Lists the user's interviews, newest first. Interviews whose time ran out
 * are settled first (see settleExpiredInterviews), so none shows as in
 * progress after its deadline.
 */
export async function listOwnInterviews(
  prisma: PrismaClient,
  userId: string,
  now: Date,
  take = 100,
): Promise<InterviewSummary[]> {
  await settleExpiredInterviews(prisma, { userId }, now);
  const rows = await prisma.mockInterview.findMany({
    where: { userId },
    orderBy: { startedAt: "desc" },
    take,
    select: summarySelect,
  });
  return summarize(prisma, rows);
}

/**
 * Lists the finished interviews the reviewer may review, newest first:
 * those of the learners in the instructor's own classes, or of every
 * learner for an admin. Interviews whose time ran out are settled first,
 * so one that ended by timing out is listed without waiting for its
 * learner to reopen it.
 */
export async function listFinishedInterviews(
  prisma: PrismaClient,
  reviewer: Reviewer,
  now: Date,
  take = 200,
): Promise<InterviewSummary[]> {
  const learners = { user: reviewableLearnersWhere(reviewer) };
  await settleExpiredInterviews(prisma, learners, now);
  const rows = await prisma.mockInterview.findMany({
    where: { ...learners, status: "FINISHED" },
    orderBy: { finishedAt: "desc" },
    take,
    select: summarySelect,
  });
  return summarize(prisma, rows);
}
