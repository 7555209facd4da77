import { checkOptionKey, requireKnownOption } from "./options";
import type { AnswerFor, GradeResult, QuestionSpec } from "./spec";

export type SingleChoiceSpec = Extract<QuestionSpec, { kind: "single_choice" }>;

/** Per-option feedback of a single-choice question. */
export interface SingleChoiceDetails {
  choice: string;
  correctOption: string;
  options: { id: string; selected: boolean; correct: boolean }[];
}

/**
 * Grades a single-choice answer: score 1 when the chosen option is the
 * key, 0 otherwise.
 *
 * @throws InvalidAnswerError when `answer.choice` is not an option id.
 * @throws InvalidSpecError when the key is not an option or ids repeat.
 */
export function gradeSingleChoice(
  spec: SingleChoiceSpec,
  answer: AnswerFor<"single_choice">,
): GradeResult {
  checkOptionKey(spec.options, [spec.correct]);
  requireKnownOption(spec.options, answer.choice, "choice");

  const correct = answer.choice === spec.correct;
  const details: SingleChoiceDetails = {
    choice: answer.choice,
    correctOption: spec.correct,
    options: spec.options.map((option) => ({
      id: option.id,
      selected: option.id === answer.choice,
      correct: option.id === spec.correct,
    })),
  };

  return {
    score: correct ? 1 : 0,
    correct,
    summary: correct
      ? "Correct: you chose the right option."
      : "Not quite: the option you chose is not the best answer.",
    details,
  };
}
