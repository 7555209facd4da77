import { InvalidAnswerError } from "./errors";
import { checkOptionKey } from "./options";
import type { AnswerFor, GradeResult, QuestionSpec } from "./spec";

export type OrderingSpec = Extract<QuestionSpec, { kind: "ordering" }>;

export interface OrderingDetails {
  items: {
    id: string;
    /** 1-based position in the learner's order. */
    position: number;
    /** 1-based position in the correct order. */
    correctPosition: number;
  }[];
  /** Item pairs the learner put in the same relative order as the key. */
  concordantPairs: number;
  totalPairs: number;
  /** Kendall's tau between the two orders, in [−1, 1]. */
  kendallTau: number;
}

/**
 * Grades an ordering with partial credit by Kendall's rank correlation:
 *
 *   score = (tau + 1) / 2 = concordant pairs / all pairs
 *
 * so the correct order scores 1, the reversed order 0, and each swap of
 * two neighbours costs 1 / (n(n−1)/2). `correct` means the exact order.
 *
 * @throws InvalidAnswerError naming every unknown, repeated or missing
 *   item of `answer.order`.
 */
export function gradeOrdering(
  spec: OrderingSpec,
  answer: AnswerFor<"ordering">,
): GradeResult {
  checkOptionKey(spec.items, []);
  checkPermutation(spec, answer.order);

  const correctRank = new Map(
    spec.items.map((item, index) => [item.id, index]),
  );
  const ranks = answer.order.map((id) => correctRank.get(id) as number);

  const n = ranks.length;
  const totalPairs = (n * (n - 1)) / 2;
  let concordantPairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (ranks[i] < ranks[j]) concordantPairs++;
    }
  }

  const score = concordantPairs / totalPairs;
  const kendallTau = 2 * score - 1;
  const correct = concordantPairs === totalPairs;

  const details: OrderingDetails = {
    items: answer.order.map((id, index) => ({
      id,
      position: index + 1,
      correctPosition: (correctRank.get(id) as number) + 1,
    })),
    concordantPairs,
    totalPairs,
    kendallTau,
  };
  const inPlace = details.items.filter(
    (item) => item.position === item.correctPosition,
  ).length;

  return {
    score,
    correct,
    summary: correct
      ? "Correct: every item is in the right order."
      : `${inPlace} of ${n} items are in their correct position, and ${concordantPairs} of ${totalPairs} pairs are in the right relative order.`,
    details,
  };
}

function checkPermutation(spec: OrderingSpec, order: readonly string[]): void {
  const known = new Set(spec.items.map((item) => item.id));
  const seen = new Set<string>();
  const problems: string[] = [];

  for (const id of order) {
    if (!known.has(id)) {
      problems.push(`'${id}' is not an item of this question`);
    } else if (seen.has(id)) {
      problems.push(`item '${id}' appears more than once`);
    }
    seen.add(id);
  }
  for (const item of spec.items) {
    if (!seen.has(item.id)) problems.push(`item '${item.id}' is missing`);
  }

  if (problems.length > 0) {
    throw new InvalidAnswerError(
      "order",
      `${problems.join("; ")}. List each of the ${spec.items.length} items exactly once.`,
    );
  }
}
