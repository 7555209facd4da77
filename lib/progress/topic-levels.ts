import { z } from "zod";

import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  combineCriterionScores,
  type InstructorScore,
} from "@/lib/mock/criterion-results";
import { loadRubricVersion } from "@/lib/mock/rubric-versions";
import { parseSnapshot } from "@/lib/mock/rubric-snapshot";

import {
  estimateLevel,
  levelRule,
  type CriterionOutcome,
  type LevelResult,
} from "./level";
import {
  publishedTopicsSql,
  recentScoredAnswersSql,
  type ScoredAnswerRow,
  type ScoredAttemptRow,
  type ScoredMockAnswerRow,
  type TopicRow,
} from "./topic-level-queries";

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

function mockEvidence(row: ScoredMockAnswerRow): EvidenceAnswer {
  const overrides = new Map<string, InstructorScore>(
    row.overrides.map((override) => [
      override.criterionKey,
      {
        met: override.met,
        comment: override.comment,
        instructorName: override.instructorName,
        at: new Date(override.atMs),
      },
    ]),
  );
  const criteria = combineCriterionScores(
    parseSnapshot(row.rubricCriteria),
    row.autoScores,
    row.selfScores,
    overrides,
  );
  return {
    source: "mock",
    id: row.id,
    at: new Date(row.atMs),
    label: `Mock interview, drill ${row.drillNumber}`,
    href: `/mock/${row.interviewId}/report`,
    criteria: criteria.map((criterion) => ({
      key: criterion.key,
      level: criterion.level,
      description: criterion.description,
      points: criterion.points,
      met: criterion.met,
      byInstructor: criterion.instructor !== null,
      words: criterion.automatic.evidence.map((evidence) => evidence.text),
    })),
  };
}

/** Returns null for an attempt graded before per-criterion feedback existed. */
function attemptEvidence(row: ScoredAttemptRow): EvidenceAnswer | null {
  const feedback = attemptFeedbackSchema.safeParse(row.feedback);
  if (!feedback.success) return null;
  return {
    source: "attempt",
    id: row.id,
    at: new Date(row.atMs),
    label: `Drill ${row.drillNumber} free-text question`,
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
  };
}

/**
 * Builds the level estimate per topic from the rows of publishedTopicsSql
 * and recentScoredAnswersSql, in the order of `topics`. The level rule of
 * lib/progress/level.ts runs over all criteria of a topic's answers. A
 * topic without evidence has a null level.
 *
 * @throws UserError when a mock answer's pinned rubric version is missing.
 */
export async function topicLevelsFromRows(
  prisma: PrismaClient,
  topics: TopicRow[],
  recent: ScoredAnswerRow[],
): Promise<TopicLevel[]> {
  const evidenceByTopic = new Map<string, EvidenceAnswer[]>();
  for (const row of recent) {
    if (row.source === "mock" && row.rubricCriteria === null) {
      // Throws the UserError that names the missing rubric version.
      await loadRubricVersion(prisma, row.rubricId, row.rubricVersion);
    }
    const answer =
      row.source === "mock" ? mockEvidence(row) : attemptEvidence(row);
    if (!answer) continue;
    const list = evidenceByTopic.get(row.topicId);
    if (list) list.push(answer);
    else evidenceByTopic.set(row.topicId, [answer]);
  }

  return topics.map((topic) => {
    const evidence = evidenceByTopic.get(topic.id) ?? [];
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

/**
 * Estimates the user's level per topic from each topic's most recent
 * rubric-scored answers (mock interview answers and free-text drill
 * attempts, at most levelRule.recentAnswersPerTopic), by the level rule in
 * lib/progress/level.ts over all their criteria. Every topic with a
 * published drill is listed, in course order; one without evidence has a
 * null level. Runs one statement.
 *
 * @throws UserError when a mock answer's pinned rubric version is missing.
 */
export async function loadTopicLevels(
  prisma: PrismaClient,
  userId: string,
): Promise<TopicLevel[]> {
  const [row] = await prisma.$queryRaw<
    { topics: TopicRow[]; recent: ScoredAnswerRow[] }[]
  >`
    SELECT (${publishedTopicsSql()}) AS topics,
           (${recentScoredAnswersSql(userId, levelRule.recentAnswersPerTopic)}) AS recent`;
  return topicLevelsFromRows(prisma, row.topics, row.recent);
}
