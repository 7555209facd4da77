import type { PrismaClient } from "@/lib/generated/prisma/client";
import { labSpec } from "@/lib/grading/spec";
import { labDefinitions } from "@/lib/labs/registry";
import {
  estimateLevel,
  levelRuleText,
  type LevelResult,
} from "@/lib/progress/level";

import { scoreNumericEstimate, type NumericEstimateResult } from "./auto-score";
import {
  automaticOutcomes,
  levelOf,
  type CriterionResult,
} from "./criterion-results";
import { loadScoredAnswers } from "./interview-level";
import { numericQuestionsByDrill } from "./numeric-question";
import {
  flashcardsForCriterion,
  labsForCriterion,
  type CardLink,
  type LabCandidate,
} from "./study-links";

/** A criterion in the report, with material to study when it was missed. */
export interface ReportCriterion extends CriterionResult {
  flashcards: CardLink[];
  labs: LabCandidate[];
}

/** One drill's part of the report. */
export interface DrillReport {
  answerId: string;
  position: number;
  drill: { number: number; slug: string; title: string };
  rubric: { title: string; version: number; currentVersion: number };
  answerText: string;
  numericEstimate: {
    prompt: string;
    value: string;
    result: NumericEstimateResult;
  } | null;
  submittedAt: Date;
  autoSubmitted: boolean;
  timeUsedMs: number | null;
  criteria: ReportCriterion[];
  /** Level from the counted scores (instructor's where given). */
  level: LevelResult;
  /** Level from the automatic scores alone. */
  automaticLevel: LevelResult;
  /** True once the learner has assessed every criterion. */
  selfAssessed: boolean;
}

/** A mock interview's report. */
export interface InterviewReport {
  id: string;
  userId: string;
  learner: { name: string | null; email: string };
  status: "IN_PROGRESS" | "FINISHED" | "ABANDONED";
  startedAt: Date;
  finishedAt: Date | null;
  perQuestionSeconds: number;
  totalTimeUsedMs: number;
  drills: DrillReport[];
  /** Questions never answered (an abandoned interview). */
  unanswered: number;
  overall: LevelResult;
  overallAutomatic: LevelResult;
  /** The level rule in words. */
  rule: string;
}

/**
 * Builds the report of an interview. Per drill, it lists the criteria met
 * with the words that earned them and the criteria missed with flashcards
 * and labs that cover them. Each criterion also shows the learner's
 * self-assessment and any instructor score, and each drill a level
 * estimate and the time used. The level over all drills ends it. Criteria come
 * from the rubric version each answer recorded, so a later rubric edit does
 * not change an old report. Returns null when the interview does not
 * exist; callers check who may see it.
 */
export async function buildInterviewReport(
  prisma: PrismaClient,
  interviewId: string,
): Promise<InterviewReport | null> {
  const interview = await prisma.mockInterview.findUnique({
    where: { id: interviewId },
    include: {
      user: { select: { name: true, email: true } },
      answers: { orderBy: { position: "asc" } },
    },
  });
  if (!interview) return null;

  const scored = await loadScoredAnswers(prisma, interviewId);
  const scoredById = new Map(scored.map((answer) => [answer.answerId, answer]));
  const drillIds = [
    ...new Set(interview.answers.map((answer) => answer.drillId)),
  ];

  const [drills, rubrics, numericQuestions, labQuestions] = await Promise.all([
    prisma.drill.findMany({
      where: { id: { in: drillIds } },
      select: {
        id: true,
        number: true,
        slug: true,
        title: true,
        topicId: true,
      },
    }),
    prisma.rubric.findMany({
      where: { id: { in: interview.answers.map((answer) => answer.rubricId) } },
      select: { id: true, version: true },
    }),
    numericQuestionsByDrill(prisma, drillIds),
    prisma.question.findMany({
      where: { drillId: { in: drillIds }, kind: "LAB", published: true },
      select: { drillId: true, spec: true },
    }),
  ]);
  const drillById = new Map(drills.map((drill) => [drill.id, drill]));
  const currentVersion = new Map(
    rubrics.map((rubric) => [rubric.id, rubric.version]),
  );

  const cards = await prisma.flashcard.findMany({
    where: {
      published: true,
      topicId: { in: drills.map((drill) => drill.topicId) },
    },
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    select: {
      slug: true,
      front: true,
      back: true,
      tags: true,
      level: true,
      topicId: true,
    },
  });
  const labsByDrill = new Map<string, LabCandidate[]>();
  for (const question of labQuestions) {
    const spec = labSpec.safeParse(question.spec);
    if (!spec.success) continue;
    const list = labsByDrill.get(question.drillId) ?? [];
    if (list.some((lab) => lab.slug === spec.data.lab)) continue;
    const definition = labDefinitions.get(spec.data.lab);
    list.push({
      slug: spec.data.lab,
      title: definition?.title ?? spec.data.lab,
      summary: definition?.summary ?? "",
    });
    labsByDrill.set(question.drillId, list);
  }

  const drillReports: DrillReport[] = [];
  for (const answer of interview.answers) {
    const result = scoredById.get(answer.id);
    if (!result || !answer.submittedAt) continue;
    const drill = drillById.get(answer.drillId);
    const drillLabs = labsByDrill.get(answer.drillId) ?? [];

    const criteria: ReportCriterion[] = result.rubric.criteria.map(
      (spec, index) => {
        const scores = result.criteria[index];
        if (scores.met || !drill)
          return { ...scores, flashcards: [], labs: [] };
        return {
          ...scores,
          flashcards: flashcardsForCriterion(spec, cards, drill.topicId),
          labs: labsForCriterion(spec, drillLabs),
        };
      },
    );

    const numeric = numericQuestions.get(answer.drillId);
    drillReports.push({
      answerId: answer.id,
      position: answer.position,
      drill: {
        number: drill?.number ?? 0,
        slug: drill?.slug ?? "",
        title: drill?.title ?? "Removed drill",
      },
      rubric: {
        title: result.rubric.title,
        version: result.rubric.version,
        currentVersion:
          currentVersion.get(answer.rubricId) ?? result.rubric.version,
      },
      answerText: answer.draft,
      numericEstimate: numeric
        ? {
            prompt: numeric.prompt,
            value: answer.numericDraft ?? "",
            result: scoreNumericEstimate(answer.numericDraft, numeric.spec),
          }
        : null,
      submittedAt: answer.submittedAt,
      autoSubmitted: answer.autoSubmitted,
      timeUsedMs: answer.timeUsedMs,
      criteria,
      level: levelOf(result.criteria),
      automaticLevel: estimateLevel(automaticOutcomes(result.criteria)),
      selfAssessed: result.criteria.every(
        (criterion) => criterion.self !== null,
      ),
    });
  }

  const allCriteria = scored.flatMap((answer) => answer.criteria);
  return {
    id: interview.id,
    userId: interview.userId,
    learner: interview.user,
    status: interview.status,
    startedAt: interview.startedAt,
    finishedAt: interview.finishedAt,
    perQuestionSeconds: interview.perQuestionSeconds,
    totalTimeUsedMs: drillReports.reduce(
      (sum, drill) => sum + (drill.timeUsedMs ?? 0),
      0,
    ),
    drills: drillReports,
    unanswered: interview.answers.length - drillReports.length,
    overall: levelOf(allCriteria),
    overallAutomatic: estimateLevel(automaticOutcomes(allCriteria)),
    rule: levelRuleText,
  };
}
