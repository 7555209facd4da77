import { z } from "zod";

import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  combineCriterionScores,
  type InstructorScore,
} from "@/lib/mock/criterion-results";
import {
  loadRubricVersion,
  type PinnedRubric,
} from "@/lib/mock/rubric-versions";

import {
  estimateLevel,
  levelRule,
  type CriterionOutcome,
  type LevelResult,
} from "./level";
import { recentScoredAnswers, type RecentScoredAnswer } from "./queries";

/** One criterion of one answer, as evidence for a level. */
export interface EvidenceCriterion {
  key: string;
  level: "E5" | "E6";
  description: string;
  points: number;
  met: boolean;
  /** True when an instructor's score replaced the automatic one. */
  byInstructor: boolean;
  /** The learner's words that earned the criterion. */
  words: string[];
}

/** One rubric-scored answer behind a topic's level. */
export interface EvidenceAnswer {
  source: "mock" | "attempt";
  id: string;
  at: Date;
  /** E.g. "Mock interview, drill 2" or "Drill 2 free-text question". */
  label: string;
  /** Where the answer can be read. */
  href: string;
  criteria: EvidenceCriterion[];
}

/** The level estimate of one topic with the answers behind it. */
export interface TopicLevel {
  topic: { id: string; slug: string; title: string };
  result: LevelResult;
  evidence: EvidenceAnswer[];
}

// Free-text attempt feedback as lib/grading stores it in Attempt.feedback.
const attemptFeedbackSchema = z.object({
  details: z.object({
    criteria: z.array(
      z.object({
        key: z.string(),
        level: z.enum(["E5", "E6"]),
        description: z.string(),
        points: z.number().nonnegative(),
        met: z.boolean(),
        matches: z.array(z.object({ text: z.string() })).default([]),
      }),
    ),
  }),
});

async function mockEvidence(
  prisma: PrismaClient,
  ids: string[],
): Promise<Map<string, EvidenceAnswer>> {
  const answers = await prisma.mockAnswer.findMany({
    where: { id: { in: ids } },
    include: {
      overrides: {
        include: { instructor: { select: { name: true, email: true } } },
      },
    },
  });
  const drills = await prisma.drill.findMany({
    where: { id: { in: answers.map((answer) => answer.drillId) } },
    select: { id: true, number: true },
  });
  const drillNumber = new Map(drills.map((drill) => [drill.id, drill.number]));
  const rubrics = new Map<string, PinnedRubric>();

  const result = new Map<string, EvidenceAnswer>();
  for (const answer of answers) {
    const versionKey = `${answer.rubricId}@${answer.rubricVersion}`;
    let rubric = rubrics.get(versionKey);
    if (!rubric) {
      rubric = await loadRubricVersion(
        prisma,
        answer.rubricId,
        answer.rubricVersion,
      );
      rubrics.set(versionKey, rubric);
    }
    const overrides = new Map<string, InstructorScore>(
      answer.overrides.map((override) => [
        override.criterionKey,
        {
          met: override.met,
          comment: override.comment,
          instructorName: override.instructor.name ?? override.instructor.email,
          at: override.createdAt,
        },
      ]),
    );
    const criteria = combineCriterionScores(
      rubric.criteria,
      answer.autoScores,
      answer.selfScores,
      overrides,
    );
    result.set(answer.id, {
      source: "mock",
      id: answer.id,
      at: answer.submittedAt!,
      label: `Mock interview, drill ${drillNumber.get(answer.drillId) ?? "?"}`,
      href: `/mock/${answer.interviewId}/report`,
      criteria: criteria.map((criterion) => ({
        key: criterion.key,
        level: criterion.level,
        description: criterion.description,
        points: criterion.points,
        met: criterion.met,
        byInstructor: criterion.instructor !== null,
        words: criterion.automatic.evidence.map((evidence) => evidence.text),
      })),
    });
  }
  return result;
}

async function attemptEvidence(
  prisma: PrismaClient,
  ids: string[],
): Promise<Map<string, EvidenceAnswer>> {
  const attempts = await prisma.attempt.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      createdAt: true,
      feedback: true,
      question: { select: { drill: { select: { number: true } } } },
    },
  });
  const result = new Map<string, EvidenceAnswer>();
  for (const attempt of attempts) {
    const feedback = attemptFeedbackSchema.safeParse(attempt.feedback);
    // Attempts graded before per-criterion feedback existed carry no evidence.
    if (!feedback.success) continue;
    result.set(attempt.id, {
      source: "attempt",
      id: attempt.id,
      at: attempt.createdAt,
      label: `Drill ${attempt.question.drill.number} free-text question`,
      href: "/attempts",
      // A criterion worth 0 points carries no weight in the level rule.
      criteria: feedback.data.details.criteria
        .filter((criterion) => criterion.points > 0)
        .map((criterion) => ({
          key: criterion.key,
          level: criterion.level,
          description: criterion.description,
          points: criterion.points,
          met: criterion.met,
          byInstructor: false,
          words: criterion.matches.map((match) => match.text),
        })),
    });
  }
  return result;
}

/**
 * Estimates the user's level per topic from each topic's most recent
 * rubric-scored answers (mock interview answers and free-text drill
 * attempts, at most levelRule.recentAnswersPerTopic), by the level rule in
 * lib/progress/level.ts over all their criteria. Every topic is listed;
 * one without evidence has a null level.
 */
export async function loadTopicLevels(
  prisma: PrismaClient,
  userId: string,
): Promise<TopicLevel[]> {
  const [topics, recent] = await Promise.all([
    prisma.topic.findMany({
      where: { drills: { some: { published: true } } },
      select: {
        id: true,
        slug: true,
        title: true,
        drills: { select: { number: true } },
      },
    }),
    recentScoredAnswers(prisma, userId, levelRule.recentAnswersPerTopic),
  ]);

  const bySource = (source: RecentScoredAnswer["source"]) =>
    recent.filter((row) => row.source === source).map((row) => row.id);
  const [mock, attempts] = await Promise.all([
    mockEvidence(prisma, bySource("mock")),
    attemptEvidence(prisma, bySource("attempt")),
  ]);

  const sortedTopics = [...topics].sort(
    (a, b) =>
      Math.min(...a.drills.map((d) => d.number)) -
      Math.min(...b.drills.map((d) => d.number)),
  );
  return sortedTopics.map((topic) => {
    const evidence = recent
      .filter((row) => row.topicId === topic.id)
      .map((row) => (row.source === "mock" ? mock : attempts).get(row.id))
      .filter((answer): answer is EvidenceAnswer => answer !== undefined);
    const outcomes: CriterionOutcome[] = evidence.flatMap((answer) =>
      answer.criteria.map(({ level, met, points }) => ({ level, met, points })),
    );
    return {
      topic: { id: topic.id, slug: topic.slug, title: topic.title },
      result: estimateLevel(outcomes),
      evidence,
    };
  });
}
