import type { PrismaClient } from "@/lib/generated/prisma/client";
import { estimateLevel, type LevelResult } from "@/lib/progress/level";
import { weekStartUtc } from "@/lib/progress/retention";
import { loadTopicLevels, type TopicLevel } from "@/lib/progress/topic-levels";

/** One learner's scores on one drill, from 0 to 1. */
export interface DrillScore {
  /**
   * Mean over the drill's questions the learner answered of their best
   * score on each: what they can do on the drill so far.
   */
  best: number;
  /** Mean score of all their attempts on the drill, repeats included. */
  average: number;
  attempts: number;
  /** Distinct questions of the drill they answered. */
  questionsAnswered: number;
}

/** One learner's row of the class view. */
export interface MemberProgress {
  userId: string;
  name: string | null;
  email: string;
  joinedAt: Date;
  /** Latest attempt, flashcard review or submitted mock answer; null when none. */
  lastPracticeAt: Date | null;
  /** No practice since this week's Monday 00:00 UTC. */
  idleThisWeek: boolean;
  /** Drill id → scores; drills without attempts are absent. */
  drills: Record<string, DrillScore>;
  /** The level rule of lib/progress over the learner's recent rubric-scored answers, all topics together. */
  level: LevelResult;
  topics: TopicLevel[];
}

/** One drill's column of the class view, with the class's figures. */
export interface DrillSummary {
  id: string;
  number: number;
  title: string;
  questions: number;
  /** Mean of the members' best scores, over members who answered; null when none did. */
  classBest: number | null;
  /** Mean of the members' average scores, over members who answered. */
  classAverage: number | null;
  membersAnswered: number;
}

export interface CohortProgress {
  weekStart: Date;
  drills: DrillSummary[];
  members: MemberProgress[];
}

interface ScoreRow {
  userId: string;
  drillId: string;
  best: number;
  average: number;
  attempts: number;
  questionsAnswered: number;
}

/**
 * Builds the class view: every member's per-drill best and average
 * scores, level estimate and last practice, and the class's figures per
 * published drill. Level estimates reuse loadTopicLevels and the level
 * rule of lib/progress, so they match what each learner sees on their own
 * dashboard. Call it only for a viewer who manages the class.
 *
 * @param now the current time; "this week" starts on its Monday 00:00 UTC.
 */
export async function loadCohortProgress(
  prisma: PrismaClient,
  cohortId: string,
  now: Date = new Date(),
): Promise<CohortProgress> {
  const weekStart = weekStartUtc(now);
  const [memberRows, drills] = await Promise.all([
    prisma.cohortMember.findMany({
      where: { cohortId },
      orderBy: { joinedAt: "asc" },
      include: { user: { select: { id: true, name: true, email: true } } },
    }),
    prisma.drill.findMany({
      where: { published: true },
      orderBy: { number: "asc" },
      select: {
        id: true,
        number: true,
        title: true,
        _count: { select: { questions: { where: { published: true } } } },
      },
    }),
  ]);
  const userIds = memberRows.map((row) => row.userId);
  if (userIds.length === 0) {
    return {
      weekStart,
      drills: drills.map((drill) => summary(drill, [])),
      members: [],
    };
  }

  const [scores, lastPractice] = await Promise.all([
    drillScores(prisma, userIds),
    lastPracticeTimes(prisma, userIds),
  ]);

  const members: MemberProgress[] = [];
  for (const row of memberRows) {
    const topics = await loadTopicLevels(prisma, row.userId);
    const outcomes = topics.flatMap((topic) =>
      topic.evidence.flatMap((answer) =>
        answer.criteria.map(({ level, met, points }) => ({
          level,
          met,
          points,
        })),
      ),
    );
    const last = lastPractice.get(row.userId) ?? null;
    members.push({
      userId: row.userId,
      name: row.user.name,
      email: row.user.email,
      joinedAt: row.joinedAt,
      lastPracticeAt: last,
      idleThisWeek: last === null || last < weekStart,
      drills: Object.fromEntries(
        scores
          .filter((score) => score.userId === row.userId)
          .map((score) => [
            score.drillId,
            {
              best: score.best,
              average: score.average,
              attempts: score.attempts,
              questionsAnswered: score.questionsAnswered,
            },
          ]),
      ),
      level: estimateLevel(outcomes),
      topics,
    });
  }

  return {
    weekStart,
    drills: drills.map((drill) =>
      summary(
        drill,
        members.map((member) => member.drills[drill.id]),
      ),
    ),
    members,
  };
}

function summary(
  drill: {
    id: string;
    number: number;
    title: string;
    _count: { questions: number };
  },
  scores: (DrillScore | undefined)[],
): DrillSummary {
  const answered = scores.filter(
    (score): score is DrillScore => score !== undefined,
  );
  const mean = (values: number[]) =>
    values.length === 0
      ? null
      : values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    id: drill.id,
    number: drill.number,
    title: drill.title,
    questions: drill._count.questions,
    classBest: mean(answered.map((score) => score.best)),
    classAverage: mean(answered.map((score) => score.average)),
    membersAnswered: answered.length,
  };
}

/** Per member and drill: best-per-question mean, mean of all attempts, counts. */
async function drillScores(
  prisma: PrismaClient,
  userIds: string[],
): Promise<ScoreRow[]> {
  return prisma.$queryRaw<ScoreRow[]>`
    WITH per_question AS (
      SELECT a."userId", q."drillId", a."questionId",
             max(a."score") AS best, sum(a."score") AS total, count(*) AS attempts
      FROM "Attempt" a
      JOIN "Question" q ON q."id" = a."questionId"
      WHERE a."userId" = ANY(${userIds})
      GROUP BY 1, 2, 3
    )
    SELECT "userId", "drillId",
           avg(best)::float8 AS best,
           (sum(total) / sum(attempts))::float8 AS average,
           sum(attempts)::int AS attempts,
           count(*)::int AS "questionsAnswered"
    FROM per_question
    GROUP BY 1, 2`;
}

/** Latest practice of each member: attempts, reviews not undone, submitted mock answers. */
async function lastPracticeTimes(
  prisma: PrismaClient,
  userIds: string[],
): Promise<Map<string, Date>> {
  const rows = await prisma.$queryRaw<{ userId: string; last: Date }[]>`
    SELECT "userId", max(at) AS last FROM (
      SELECT "userId", "createdAt" AS at FROM "Attempt" WHERE "userId" = ANY(${userIds})
      UNION ALL
      SELECT "userId", "review" FROM "ReviewLog" WHERE "userId" = ANY(${userIds}) AND NOT "undone"
      UNION ALL
      SELECT mi."userId", ma."submittedAt"
      FROM "MockAnswer" ma JOIN "MockInterview" mi ON mi."id" = ma."interviewId"
      WHERE mi."userId" = ANY(${userIds}) AND ma."submittedAt" IS NOT NULL
    ) practice
    GROUP BY 1`;
  return new Map(rows.map((row) => [row.userId, row.last]));
}
