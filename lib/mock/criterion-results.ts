import { z } from "zod";

import type { RubricCriterionSpec } from "@/lib/grading/spec";
import {
  estimateLevel,
  type CriterionOutcome,
  type LevelResult,
} from "@/lib/progress/level";

import { autoScoresSchema, type AutoCriterionScore } from "./auto-score";

/** MockAnswer.selfScores: the learner's verdict per criterion key. */
export const selfScoresSchema = z.record(z.string(), z.boolean());

/** An instructor's score of one criterion. */
export interface InstructorScore {
  met: boolean;
  comment: string;
  instructorName: string;
  at: Date;
}

/** Every score of one criterion of one answer. */
export interface CriterionResult {
  key: string;
  level: "E5" | "E6";
  description: string;
  points: number;
  /** The free-text grader's verdict with the words it found. */
  automatic: AutoCriterionScore;
  /** The learner's verdict, or null before self-assessment. */
  self: boolean | null;
  instructor: InstructorScore | null;
  /** The score that counts: the instructor's where given, else the automatic one. */
  met: boolean;
}

/**
 * Combines a rubric version's criteria with the scores stored for one
 * answer. Criteria missing from the automatic scores (an answer not yet
 * submitted) count as missed with no evidence.
 */
export function combineCriterionScores(
  criteria: readonly RubricCriterionSpec[],
  autoScores: unknown,
  selfScores: unknown,
  overrides: ReadonlyMap<string, InstructorScore>,
): CriterionResult[] {
  const automatic = new Map(
    (autoScores == null ? [] : autoScoresSchema.parse(autoScores)).map(
      (score) => [score.key, score],
    ),
  );
  const self = selfScores == null ? {} : selfScoresSchema.parse(selfScores);

  return criteria.map((criterion) => {
    const auto = automatic.get(criterion.key) ?? {
      key: criterion.key,
      met: false,
      evidence: [],
      unearned: [],
    };
    const instructor = overrides.get(criterion.key) ?? null;
    return {
      key: criterion.key,
      level: criterion.level,
      description: criterion.description,
      points: criterion.points,
      automatic: auto,
      self: self[criterion.key] ?? null,
      instructor,
      met: instructor ? instructor.met : auto.met,
    };
  });
}

/** Outcomes for the level rule from the scores that count. */
export function countedOutcomes(
  results: readonly CriterionResult[],
): CriterionOutcome[] {
  return results.map((result) => ({
    level: result.level,
    met: result.met,
    points: result.points,
  }));
}

/** Outcomes for the level rule from the automatic scores alone. */
export function automaticOutcomes(
  results: readonly CriterionResult[],
): CriterionOutcome[] {
  return results.map((result) => ({
    level: result.level,
    met: result.automatic.met,
    points: result.points,
  }));
}

/** Applies the level rule to the counted scores of one or more answers. */
export function levelOf(results: readonly CriterionResult[]): LevelResult {
  return estimateLevel(countedOutcomes(results));
}
