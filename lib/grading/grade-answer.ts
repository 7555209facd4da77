import type { z } from "zod";

import { InvalidAnswerError, InvalidSpecError } from "./errors";
import { gradeFreeText } from "./free-text";
import { gradeLabAnswer, type LabRules } from "./lab";
import { gradeMultipleChoice } from "./multiple-choice";
import { gradeNumeric } from "./numeric";
import { gradeOrdering } from "./ordering";
import { gradeSingleChoice } from "./single-choice";
import {
  answerSchemas,
  questionSpecSchema,
  type AnswerFor,
  type GradeResult,
  type QuestionKindName,
  type RubricCriterionSpec,
} from "./spec";

/** Inputs that some question kinds need beyond the spec and the answer. */
export interface GradingContext {
  /** The rubric's criteria; required for free_text. */
  rubric?: readonly RubricCriterionSpec[];
  /** Free-text score at or above which the answer is correct; default 0.6. */
  passingScore?: number;
  /** The lab run the answer refers to; required for lab. */
  labRun?: { id: string; result: unknown };
  /** Rules that compute a lab choice answer from a run; required for lab choice questions. */
  labRules?: LabRules;
}

/**
 * Validates a question spec and an answer, both as stored JSON, and
 * grades the answer with the grader of the spec's kind.
 *
 * @throws InvalidAnswerError naming the answer field when the answer does
 *   not fit the kind's answer shape or cannot be graded (unknown option,
 *   unreadable number, lab run id that is not the given run).
 * @throws InvalidSpecError when the spec is invalid or the context lacks
 *   what the kind needs.
 * @throws LabResultError when the lab run result lacks the metric.
 */
export function gradeAnswer(
  spec: unknown,
  answer: unknown,
  context: GradingContext = {},
): GradeResult {
  const parsedSpec = questionSpecSchema.safeParse(spec);
  if (!parsedSpec.success) {
    const issue = parsedSpec.error.issues[0];
    throw new InvalidSpecError(
      `invalid question spec at '${issue.path.join(".") || "spec"}': ${issue.message}`,
    );
  }
  const question = parsedSpec.data;

  switch (question.kind) {
    case "single_choice":
      return gradeSingleChoice(question, parseAnswer("single_choice", answer));
    case "multiple_choice":
      return gradeMultipleChoice(
        question,
        parseAnswer("multiple_choice", answer),
      );
    case "numeric":
      return gradeNumeric(question, parseAnswer("numeric", answer));
    case "ordering":
      return gradeOrdering(question, parseAnswer("ordering", answer));
    case "free_text": {
      const parsed = parseAnswer("free_text", answer);
      if (!context.rubric) {
        throw new InvalidSpecError(
          "missing context.rubric: pass the rubric's criteria to grade a free-text answer",
        );
      }
      return gradeFreeText(question, parsed, context.rubric, {
        passingScore: context.passingScore,
      });
    }
    case "lab": {
      const parsed = parseAnswer("lab", answer);
      if (!context.labRun) {
        throw new InvalidSpecError(
          "missing context.labRun: pass the lab run the answer refers to",
        );
      }
      if (parsed.labRunId !== context.labRun.id) {
        throw new InvalidAnswerError(
          "labRunId",
          `the answer refers to lab run '${parsed.labRunId}', but run '${context.labRun.id}' was loaded; answer about the run you started`,
        );
      }
      return gradeLabAnswer(
        question,
        parsed,
        context.labRun.result,
        context.labRules ?? {},
      );
    }
  }
}

/**
 * Validates `answer` against the answer shape of `kind`.
 *
 * @throws InvalidAnswerError naming the first invalid field.
 */
export function parseAnswer<K extends QuestionKindName>(
  kind: K,
  answer: unknown,
): AnswerFor<K> {
  const schema: z.ZodType = answerSchemas[kind];
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data as AnswerFor<K>;

  const issue = parsed.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join(".") : "answer";
  throw new InvalidAnswerError(field, issue.message);
}
