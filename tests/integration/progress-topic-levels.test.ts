/**
 * The level estimate per topic is read in one SQL statement (topics in
 * course order, each topic's most recent answers with their feedback,
 * rubric snapshot and instructor scores). These tests compare it with a
 * reference built the way the dashboard used to build it: Prisma queries
 * per kind of row, then sorting and joining in JavaScript.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";

import type { Prisma } from "@/lib/generated/prisma/client";
import { scoreAnswerText } from "@/lib/mock/auto-score";
import {
  combineCriterionScores,
  type InstructorScore,
} from "@/lib/mock/criterion-results";
import { loadRubricVersion } from "@/lib/mock/rubric-versions";
import { loadDashboard } from "@/lib/progress/dashboard";
import { estimateLevel, levelRule } from "@/lib/progress/level";
import {
  loadTopicLevels,
  type EvidenceAnswer,
  type TopicLevel,
} from "@/lib/progress/topic-levels";

import { prisma, resetDatabase } from "./helpers/db";
import {
  createDrill,
  createUser,
  imbalanceCriteria,
  type DrillFixture,
} from "./mock-fixtures";

const now = new Date("2026-03-11T15:30:00.000Z");
const dayMs = 86_400_000;

/** Orders cuid ids (lowercase letters and digits) as PostgreSQL does. */
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Free-text feedback as lib/grading stores it in Attempt.feedback. */
function feedback(met: boolean[], zeroPointCriterion = false) {
  const criteria = imbalanceCriteria.map((criterion, index) => ({
    key: criterion.key,
    level: criterion.level,
    description: criterion.description,
    points: criterion.points,
    met: met[index % met.length],
    matches: met[index % met.length]
      ? [{ text: `${criterion.key} words` }]
      : [],
  }));
  if (zeroPointCriterion) {
    criteria.push({
      key: "bonus",
      level: "E6",
      description: "Worth nothing.",
      points: 0,
      met: true,
      matches: [],
    });
  }
  return { summary: "graded", details: { criteria } };
}

async function addFreeTextQuestion(drill: DrillFixture) {
  return prisma.question.create({
    data: {
      slug: `free-${drill.number}-${Date.now()}`,
      drillId: drill.id,
      position: 1,
      kind: "FREE_TEXT",
      prompt: "Explain.",
      spec: { kind: "free_text" },
    },
  });
}

async function addAttempt(
  userId: string,
  questionId: string,
  createdAt: Date,
  stored: Prisma.InputJsonValue,
) {
  return prisma.attempt.create({
    data: {
      userId,
      questionId,
      questionVersion: 1,
      answer: { text: "answer" },
      score: 0.5,
      correct: false,
      feedback: stored,
      createdAt,
    },
  });
}

/** A submitted mock interview answer scored against version 1 of the drill's rubric. */
async function addMockAnswer(
  userId: string,
  drill: DrillFixture,
  text: string,
  submittedAt: Date,
) {
  const interview = await prisma.mockInterview.create({
    data: {
      userId,
      status: "FINISHED",
      perQuestionSeconds: 300,
      startedAt: submittedAt,
      finishedAt: submittedAt,
    },
  });
  return prisma.mockAnswer.create({
    data: {
      interviewId: interview.id,
      position: 0,
      drillId: drill.id,
      rubricId: drill.rubricId,
      rubricVersion: 1,
      draft: text,
      startedAt: submittedAt,
      deadlineAt: new Date(submittedAt.getTime() + 300_000),
      submittedAt,
      timeUsedMs: 60_000,
      autoScores: scoreAnswerText(
        text,
        imbalanceCriteria,
      ) as unknown as Prisma.InputJsonValue,
      selfScores: { metrics: true, resampling: false },
    },
  });
}

/**
 * Builds the level estimate per topic as the dashboard built it before the
 * single statement: ORM reads, then ranking, evidence and order in
 * JavaScript.
 */
async function referenceTopicLevels(userId: string): Promise<TopicLevel[]> {
  const topics = await prisma.topic.findMany({
    where: { drills: { some: { published: true } } },
    select: {
      id: true,
      slug: true,
      title: true,
      drills: { select: { number: true } },
    },
  });
  const mockAnswers = await prisma.mockAnswer.findMany({
    where: { interview: { userId }, submittedAt: { not: null } },
    include: {
      overrides: {
        include: { instructor: { select: { name: true, email: true } } },
      },
    },
  });
  const attempts = await prisma.attempt.findMany({
    where: { userId, question: { kind: "FREE_TEXT" } },
    select: {
      id: true,
      createdAt: true,
      feedback: true,
      question: {
        select: { drill: { select: { number: true, topicId: true } } },
      },
    },
  });
  const drills = await prisma.drill.findMany({
    select: { id: true, number: true, topicId: true },
  });
  const drillById = new Map(drills.map((drill) => [drill.id, drill]));

  // Every rubric-scored answer, ranked by time and id whether or not it
  // yields evidence.
  const scored: {
    topicId: string;
    id: string;
    at: Date;
    answer: EvidenceAnswer | null;
  }[] = [];
  for (const answer of mockAnswers) {
    if (answer.autoScores === null) continue;
    const drill = drillById.get(answer.drillId)!;
    const rubric = await loadRubricVersion(
      prisma,
      answer.rubricId,
      answer.rubricVersion,
    );
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
    scored.push({
      topicId: drill.topicId,
      id: answer.id,
      at: answer.submittedAt!,
      answer: {
        source: "mock",
        id: answer.id,
        at: answer.submittedAt!,
        label: `Mock interview, drill ${drill.number}`,
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
      },
    });
  }
  for (const attempt of attempts) {
    const stored = attempt.feedback as {
      details?: {
        criteria: {
          key: string;
          level: "E5" | "E6";
          description: string;
          points: number;
          met: boolean;
          matches?: { text: string }[];
        }[];
      };
    };
    scored.push({
      topicId: attempt.question.drill.topicId,
      id: attempt.id,
      at: attempt.createdAt,
      // Graded before per-criterion feedback: ranked, but no evidence.
      answer: stored.details
        ? {
            source: "attempt",
            id: attempt.id,
            at: attempt.createdAt,
            label: `Drill ${attempt.question.drill.number} free-text question`,
            href: "/attempts",
            criteria: stored.details.criteria
              .filter((criterion) => criterion.points > 0)
              .map((criterion) => ({
                key: criterion.key,
                level: criterion.level,
                description: criterion.description,
                points: criterion.points,
                met: criterion.met,
                byInstructor: false,
                words: (criterion.matches ?? []).map((match) => match.text),
              })),
          }
        : null,
    });
  }

  const byTopic = new Map<string, typeof scored>();
  for (const row of scored) {
    const list = byTopic.get(row.topicId) ?? [];
    list.push(row);
    byTopic.set(row.topicId, list);
  }
  const recentAnswers = (topicId: string) =>
    [...(byTopic.get(topicId) ?? [])]
      .sort((a, b) => b.at.getTime() - a.at.getTime() || compareIds(a.id, b.id))
      .slice(0, levelRule.recentAnswersPerTopic)
      .map((row) => row.answer)
      .filter((answer): answer is EvidenceAnswer => answer !== null);

  return [...topics]
    .sort(
      (a, b) =>
        Math.min(...a.drills.map((drill) => drill.number)) -
        Math.min(...b.drills.map((drill) => drill.number)),
    )
    .map((topic) => {
      const evidence = recentAnswers(topic.id);
      return {
        topic: { id: topic.id, slug: topic.slug, title: topic.title },
        result: estimateLevel(
          evidence.flatMap((answer) =>
            answer.criteria.map(({ level, met, points }) => ({
              level,
              met,
              points,
            })),
          ),
        ),
        evidence,
      };
    });
}

describe("topic levels in one statement", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("match the reference on mixed answers", async () => {
    const learner = await createUser();
    const other = await createUser();
    const instructor = await createUser("INSTRUCTOR");
    await prisma.user.update({
      where: { id: instructor.id },
      data: { name: null },
    });

    // Topic order follows the lowest drill number, unpublished drills
    // included; a topic with only unpublished drills is left out.
    const drillA = await createDrill(3);
    const drillB = await createDrill(1);
    const drillC = await createDrill(5);
    await prisma.drill.create({
      data: {
        slug: `unpublished-0-${Date.now()}`,
        number: 0,
        title: "Unpublished drill in topic C",
        summary: "Summary.",
        prompt: "Prompt.",
        published: false,
        topicId: drillC.topicId,
      },
    });
    const hidden = await createDrill(9);
    await prisma.drill.update({
      where: { id: hidden.id },
      data: { published: false },
    });
    for (const drill of [drillA, drillB, drillC, hidden]) {
      await prisma.rubricVersion.create({
        data: {
          rubricId: drill.rubricId,
          version: 1,
          title: "Snapshot",
          criteria: imbalanceCriteria as unknown as Prisma.InputJsonValue,
        },
      });
    }

    const questionA = await addFreeTextQuestion(drillA);
    const questionB = await addFreeTextQuestion(drillB);
    const questionHidden = await addFreeTextQuestion(hidden);
    const choice = await prisma.question.create({
      data: {
        slug: `choice-${Date.now()}`,
        drillId: drillA.id,
        position: 2,
        kind: "SINGLE_CHOICE",
        prompt: "Pick.",
        spec: {},
      },
    });

    // Topic A: eight free-text attempts, two of them at the same time. One
    // was graded before per-criterion feedback, one has a criterion worth 0
    // points. A choice answer beside them is not rubric-scored.
    for (let index = 0; index < 6; index += 1) {
      await addAttempt(
        learner.id,
        questionA.id,
        new Date(now.getTime() - (index + 2) * dayMs),
        feedback([index % 2 === 0, true, index > 2], index === 1),
      );
    }
    const tie = new Date(now.getTime() - 3 * dayMs);
    await addAttempt(learner.id, questionA.id, tie, feedback([true]));
    await addAttempt(
      learner.id,
      questionA.id,
      new Date(now.getTime() - dayMs),
      { summary: "graded before criteria were stored" },
    );
    await addAttempt(learner.id, choice.id, now, {});
    // Topic B: a mock answer with an instructor's override beside attempts.
    await addAttempt(
      learner.id,
      questionB.id,
      new Date(now.getTime() - 10 * dayMs),
      feedback([false]),
    );
    const mock = await addMockAnswer(
      learner.id,
      drillB,
      "Report precision and recall, then recalibrate.",
      new Date(now.getTime() - 2 * dayMs),
    );
    await prisma.criterionOverride.create({
      data: {
        mockAnswerId: mock.id,
        criterionKey: "metrics",
        met: false,
        comment: "Recall alone is not enough.",
        instructorId: instructor.id,
      },
    });
    // An unsubmitted mock answer does not count.
    const draft = await addMockAnswer(learner.id, drillB, "draft", now);
    await prisma.mockAnswer.update({
      where: { id: draft.id },
      data: { submittedAt: null },
    });
    // Answers in a topic without a published drill, and another user's.
    await addAttempt(learner.id, questionHidden.id, now, feedback([true]));
    await addAttempt(other.id, questionB.id, now, feedback([true]));

    const expected = await referenceTopicLevels(learner.id);
    const levels = await loadTopicLevels(prisma, learner.id);

    expect(levels.map((level) => level.topic.id)).toEqual([
      drillC.topicId,
      drillB.topicId,
      drillA.topicId,
    ]);
    expect(levels).toEqual(expected);
    const topicA = levels[2];
    expect(topicA.evidence).toHaveLength(levelRule.recentAnswersPerTopic - 1);
    expect(
      topicA.evidence.every((answer) =>
        answer.criteria.every((criterion) => criterion.points > 0),
      ),
    ).toBe(true);
    const mockEvidence = levels[1].evidence[0];
    expect(mockEvidence.source).toBe("mock");
    expect(
      mockEvidence.criteria.find((criterion) => criterion.key === "metrics"),
    ).toMatchObject({ met: false, byInstructor: true });

    const dashboard = await loadDashboard(prisma, learner.id, now);
    expect(dashboard.levels).toEqual(expected);
  });

  it("reject a mock answer whose rubric version is missing", async () => {
    const learner = await createUser();
    const drill = await createDrill(1);
    await addMockAnswer(learner.id, drill, "precision", now);

    await expect(loadTopicLevels(prisma, learner.id)).rejects.toThrow(
      /has no stored criteria/,
    );
  });
});
