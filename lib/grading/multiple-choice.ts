import { InvalidAnswerError } from "./errors";
import { checkOptionKey, requireKnownOption } from "./options";
import type { AnswerFor, GradeResult, QuestionSpec } from "./spec";

export type MultipleChoiceSpec = Extract<
  QuestionSpec,
  { kind: "multiple_choice" }
>;

/**
 * What happened to one option: a correct option picked (`hit`) or left
 * out (`missed`), a wrong option picked (`wrong_pick`) or left out
 * (`correct_rejection`).
 */
export type OptionOutcome =
  "hit" | "missed" | "wrong_pick" | "correct_rejection";

export interface MultipleChoiceDetails {
  options: {
    id: string;
    selected: boolean;
    correct: boolean;
    outcome: OptionOutcome;
  }[];
  hits: number;
  wrongPicks: number;
  correctCount: number;
  wrongOptionCount: number;
}

/**
 * Grades a multiple-choice answer with partial credit:
 *
 *   score = max(0, hits / correctCount − wrongPicks / wrongOptionCount)
 *
 * Each correct option is worth 1/correctCount and each wrong pick costs
 * 1/wrongOptionCount, so picking every option scores 0, as does picking
 * none; guessing blindly earns nothing on average. When every option is
 * correct there is nothing to penalise and the second term is 0. The
 * answer is `correct` only when the picked set equals the key exactly.
 *
 * @throws InvalidAnswerError on an unknown or repeated option id.
 * @throws InvalidSpecError when the key names an unknown option.
 */
export function gradeMultipleChoice(
  spec: MultipleChoiceSpec,
  answer: AnswerFor<"multiple_choice">,
): GradeResult {
  checkOptionKey(spec.options, spec.correct);
  const selected = readSelection(spec, answer.choices);
  const key = new Set(spec.correct);

  const options = spec.options.map((option) => {
    const isSelected = selected.has(option.id);
    const isCorrect = key.has(option.id);
    return {
      id: option.id,
      selected: isSelected,
      correct: isCorrect,
      outcome: outcomeOf(isSelected, isCorrect),
    };
  });

  const hits = options.filter((o) => o.outcome === "hit").length;
  const wrongPicks = options.filter((o) => o.outcome === "wrong_pick").length;
  const correctCount = key.size;
  const wrongOptionCount = spec.options.length - correctCount;

  const penalty = wrongOptionCount === 0 ? 0 : wrongPicks / wrongOptionCount;
  const score = Math.max(0, hits / correctCount - penalty);
  const correct = hits === correctCount && wrongPicks === 0;

  const details: MultipleChoiceDetails = {
    options,
    hits,
    wrongPicks,
    correctCount,
    wrongOptionCount,
  };

  return {
    score,
    correct,
    summary: summarize(hits, wrongPicks, correctCount, correct),
    details,
  };
}

function readSelection(
  spec: MultipleChoiceSpec,
  choices: readonly string[],
): Set<string> {
  const selected = new Set<string>();
  for (const choice of choices) {
    requireKnownOption(spec.options, choice, "choices");
    if (selected.has(choice)) {
      throw new InvalidAnswerError(
        "choices",
        `option '${choice}' is selected twice; select each option at most once`,
      );
    }
    selected.add(choice);
  }
  return selected;
}

function outcomeOf(selected: boolean, correct: boolean): OptionOutcome {
  if (correct) return selected ? "hit" : "missed";
  return selected ? "wrong_pick" : "correct_rejection";
}

function summarize(
  hits: number,
  wrongPicks: number,
  correctCount: number,
  correct: boolean,
): string {
  if (correct) return `Correct: you picked all ${correctCount} right options.`;

  const wrongPart =
    wrongPicks === 0
      ? "no wrong ones"
      : `${wrongPicks} wrong ${wrongPicks === 1 ? "one" : "ones"}`;
  return `You picked ${hits} of ${correctCount} right options and ${wrongPart}.`;
}
