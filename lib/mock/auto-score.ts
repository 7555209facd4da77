import { z } from "zod";

import {
  gradeFreeText,
  gradeNumeric,
  InvalidAnswerError,
  type CriterionFeedback,
  type NumericDetails,
} from "@/lib/grading";
import type { QuestionSpec, RubricCriterionSpec } from "@/lib/grading/spec";

/** Words of the answer that earned (or failed to earn) a concept. */
export const evidenceSchema = z.object({
  concept: z.string(),
  /** The rubric phrase that matched. */
  phrase: z.string(),
  /** The learner's own words. */
  text: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/**
 * One criterion's automatic score as stored in MockAnswer.autoScores. The
 * criterion's level, description and points live in the RubricVersion
 * snapshot the answer records.
 */
export const autoCriterionScoreSchema = z.object({
  key: z.string(),
  met: z.boolean(),
  evidence: z.array(evidenceSchema),
  /** Mentions that earned nothing: negated, or a not(...) phrase endorsed. */
  unearned: z
    .array(
      evidenceSchema.extend({ reason: z.enum(["negated", "not_rejected"]) }),
    )
    .default([]),
});
export type AutoCriterionScore = z.infer<typeof autoCriterionScoreSchema>;

export const autoScoresSchema = z.array(autoCriterionScoreSchema);

function fromFeedback(feedback: CriterionFeedback): AutoCriterionScore {
  return {
    key: feedback.key,
    met: feedback.met,
    evidence: feedback.matches.map(({ concept, phrase, text }) => ({
      concept,
      phrase,
      text,
    })),
    unearned: feedback.unearnedMentions.map(
      ({ concept, phrase, text, reason }) => ({
        concept,
        phrase,
        text,
        reason,
      }),
    ),
  };
}

/**
 * Scores a free-text answer against rubric criteria with the free-text
 * grader (concept phrases, negation-aware). An empty answer meets no
 * criterion.
 *
 * @throws InvalidSpecError from the grader when the rubric is invalid.
 */
export function scoreAnswerText(
  text: string,
  criteria: readonly RubricCriterionSpec[],
): AutoCriterionScore[] {
  if (text.trim() === "") {
    return criteria.map((criterion) => ({
      key: criterion.key,
      met: false,
      evidence: [],
      unearned: [],
    }));
  }
  const graded = gradeFreeText({ kind: "free_text" }, { text }, criteria);
  const details = graded.details as { criteria: CriterionFeedback[] };
  return details.criteria.map(fromFeedback);
}

/** The graded numeric estimate of an answer. */
export type NumericEstimateResult =
  | { status: "missing" }
  | { status: "invalid"; message: string }
  | {
      status: "graded";
      correct: boolean;
      summary: string;
      details: NumericDetails;
    };

/**
 * Grades the numeric estimate typed beside an answer against the drill's
 * numeric question.
 */
export function scoreNumericEstimate(
  value: string | null,
  spec: Extract<QuestionSpec, { kind: "numeric" }>,
): NumericEstimateResult {
  if (value === null || value.trim() === "") return { status: "missing" };
  try {
    const graded = gradeNumeric(spec, { value: value.trim() });
    return {
      status: "graded",
      correct: graded.correct,
      summary: graded.summary,
      details: graded.details as NumericDetails,
    };
  } catch (error) {
    if (error instanceof InvalidAnswerError) {
      return { status: "invalid", message: error.message };
    }
    throw error;
  }
}
