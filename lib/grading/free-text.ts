import { estimateLevel, type LevelEstimate } from "./level";
import {
  compileRubric,
  selectCriteria,
  type CompiledCriterion,
} from "./rubric";
import type {
  AnswerFor,
  GradeResult,
  QuestionSpec,
  RubricCriterionSpec,
} from "./spec";
import { analyzeText, findPhrase, type AnalyzedText } from "./text/phrase";

export type FreeTextSpec = Extract<QuestionSpec, { kind: "free_text" }>;

/** A concept found in the answer, with the learner's exact words. */
export interface ConceptMatch {
  concept: string;
  /** The phrase as the rubric author wrote it. */
  phrase: string;
  /** The matched span of the learner's text. */
  text: string;
  /** UTF-16 offsets of `text` in the answer. */
  start: number;
  end: number;
}

/** A mention that earned nothing because of its polarity. */
export interface UnearnedMention extends ConceptMatch {
  /**
   * "negated": a plain phrase the learner rejected ("don't use class
   * weights"); "not_rejected": a not(...) phrase the learner endorsed
   * ("use accuracy").
   */
  reason: "negated" | "not_rejected";
}

export interface CriterionFeedback {
  key: string;
  level: "E5" | "E6";
  description: string;
  points: number;
  met: boolean;
  earnedPoints: number;
  /** The first earning mention of each concept found. */
  matches: ConceptMatch[];
  /** Mentions of this criterion's phrases that earned nothing. */
  unearnedMentions: UnearnedMention[];
}

export interface FreeTextDetails {
  criteria: CriterionFeedback[];
  earnedPoints: number;
  totalPoints: number;
  level: LevelEstimate;
}

export interface FreeTextOptions {
  /** Score at or above which the answer counts as correct; default 0.6. */
  passingScore?: number;
}

const defaultPassingScore = 0.6;

/**
 * Grades a free-text answer against rubric criteria. A criterion is met
 * when any phrase of any of its concepts matches the answer with the
 * right polarity (see parseConceptPhrase for the phrase syntax and
 * lib/grading/text/negation.ts for negation); score = earned points /
 * total points of the criteria the question grades (`spec.criteria`, or
 * all). `correct` means score ≥ passingScore.
 *
 * @param criteria the rubric's criteria.
 * @throws InvalidSpecError when the rubric is invalid or the spec names
 *   a criterion it lacks.
 */
export function gradeFreeText(
  spec: FreeTextSpec,
  answer: AnswerFor<"free_text">,
  criteria: readonly RubricCriterionSpec[],
  options: FreeTextOptions = {},
): GradeResult {
  const selected = selectCriteria(criteria, spec.criteria);
  const compiled = compileRubric(selected);
  const analyzed = analyzeText(answer.text);

  const feedback = compiled.map((criterion) => assess(criterion, analyzed));
  const totalPoints = sum(feedback.map((f) => f.points));
  const earnedPoints = sum(feedback.map((f) => f.earnedPoints));
  const score = earnedPoints / totalPoints;
  const passingScore = options.passingScore ?? defaultPassingScore;

  const details: FreeTextDetails = {
    criteria: feedback,
    earnedPoints,
    totalPoints,
    level: estimateLevel(feedback),
  };

  return {
    score,
    correct: score >= passingScore,
    summary: summarize(feedback, earnedPoints, totalPoints),
    details,
  };
}

function assess(
  criterion: CompiledCriterion,
  analyzed: AnalyzedText,
): CriterionFeedback {
  const matches: ConceptMatch[] = [];
  const unearnedMentions: UnearnedMention[] = [];

  for (const concept of criterion.concepts) {
    let best: ConceptMatch | undefined;
    for (const phrase of concept.phrases) {
      for (const match of findPhrase(analyzed, phrase)) {
        const mention: ConceptMatch = {
          concept: concept.name,
          phrase: phrase.source,
          text: analyzed.text.slice(match.start, match.end),
          start: match.start,
          end: match.end,
        };
        if (!match.earns) {
          const reason = phrase.requiresNegation ? "not_rejected" : "negated";
          const known = unearnedMentions.some(
            (m) =>
              m.concept === concept.name &&
              m.start === match.start &&
              m.end === match.end,
          );
          if (!known) unearnedMentions.push({ ...mention, reason });
        } else if (!best || mention.start < best.start) {
          best = mention;
        }
      }
    }
    if (best) matches.push(best);
  }

  const { spec } = criterion;
  const met = matches.length > 0;
  return {
    key: spec.key,
    level: spec.level,
    description: spec.description,
    points: spec.points,
    met,
    earnedPoints: met ? spec.points : 0,
    matches,
    unearnedMentions,
  };
}

function summarize(
  feedback: readonly CriterionFeedback[],
  earnedPoints: number,
  totalPoints: number,
): string {
  const met = feedback.filter((f) => f.met).length;
  const perLevel = (["E5", "E6"] as const)
    .map((level) => {
      const ofLevel = feedback.filter((f) => f.level === level);
      if (ofLevel.length === 0) return undefined;
      return `${ofLevel.filter((f) => f.met).length} of ${ofLevel.length} ${level}`;
    })
    .filter((part) => part !== undefined)
    .join(" and ");

  return `You met ${met} of ${feedback.length} criteria (${perLevel}) for ${formatPoints(earnedPoints)} of ${formatPoints(totalPoints)} points.`;
}

function formatPoints(points: number): string {
  return Number(points.toFixed(2)).toString();
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
