import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LevelEstimate } from "@/lib/progress/level";

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

/** The user's interviews, newest first. */
export async function listOwnInterviews(
  prisma: PrismaClient,
  userId: string,
  take = 100,
): Promise<InterviewSummary[]> {
  const rows = await prisma.mockInterview.findMany({
    where: { userId },
    orderBy: { startedAt: "desc" },
    take,
    select: summarySelect,
  });
  return summarize(prisma, rows);
}

/** Finished interviews of every learner, newest first, for instructors. */
export async function listFinishedInterviews(
  prisma: PrismaClient,
  take = 200,
): Promise<InterviewSummary[]> {
  const rows = await prisma.mockInterview.findMany({
    where: { status: "FINISHED" },
    orderBy: { finishedAt: "desc" },
    take,
    select: summarySelect,
  });
  return summarize(prisma, rows);
}
