import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { LevelResult } from "@/lib/progress/level";

import {
  combineCriterionScores,
  levelOf,
  type CriterionResult,
  type InstructorScore,
} from "./criterion-results";
import { loadRubricVersion, type PinnedRubric } from "./rubric-versions";

type Client = PrismaClient | Prisma.TransactionClient;

/** One answer's criteria with every score, and its rubric version. */
export interface ScoredAnswer {
  answerId: string;
  rubric: PinnedRubric;
  criteria: CriterionResult[];
}

/**
 * Loads the scores of an interview's submitted answers, each with the
 * criteria of the rubric version it recorded.
 */
export async function loadScoredAnswers(
  prisma: Client,
  interviewId: string,
): Promise<ScoredAnswer[]> {
  const answers = await prisma.mockAnswer.findMany({
    where: { interviewId, submittedAt: { not: null } },
    orderBy: { position: "asc" },
    include: {
      overrides: {
        include: { instructor: { select: { name: true, email: true } } },
      },
    },
  });

  const rubrics = new Map<string, PinnedRubric>();
  const result: ScoredAnswer[] = [];
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
    result.push({
      answerId: answer.id,
      rubric,
      criteria: combineCriterionScores(
        rubric.criteria,
        answer.autoScores,
        answer.selfScores,
        overrides,
      ),
    });
  }
  return result;
}

/**
 * Applies the level rule to every criterion of every submitted answer of
 * an interview and stores the level on the interview.
 */
export async function refreshInterviewLevel(
  prisma: Client,
  interviewId: string,
): Promise<LevelResult> {
  const answers = await loadScoredAnswers(prisma, interviewId);
  const level = levelOf(answers.flatMap((answer) => answer.criteria));
  await prisma.mockInterview.update({
    where: { id: interviewId },
    data: { levelEstimate: level.level },
  });
  return level;
}
