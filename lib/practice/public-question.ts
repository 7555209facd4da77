import type { QuestionSpec } from "@/lib/grading/spec";

/**
 * A question as the learner's browser receives it: the prompt and the
 * choices, never the answer key, the tolerance or the rubric's concepts.
 */
export type PublicQuestion = {
  id: string;
  slug: string;
  prompt: string;
  version: number;
} & (
  | { kind: "single_choice"; options: { id: string; text: string }[] }
  | { kind: "multiple_choice"; options: { id: string; text: string }[] }
  | { kind: "numeric"; unit?: string }
  | { kind: "ordering"; items: { id: string; text: string }[] }
  | { kind: "free_text" }
  | {
      kind: "lab";
      lab: string;
      answerType: "numeric" | "choice";
      unit?: string;
      options?: { id: string; text: string }[];
    }
);

/** Deterministic shuffle keyed by a string, so server and client agree. */
function shuffleByKey<T>(items: readonly T[], key: string): T[] {
  let state = 2166136261;
  for (let i = 0; i < key.length; i++) {
    state = Math.imul(state ^ key.charCodeAt(i), 16777619) >>> 0;
  }
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    state = Math.imul(state ^ (state >>> 15), 2246822507) >>> 0;
    state = Math.imul(state ^ (state >>> 13), 3266489909) >>> 0;
    const j = state % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return shuffled;
}

/**
 * Strips the answer key from a question spec. Ordering items are shuffled
 * (never in their correct order when there is another order to show).
 */
export function toPublicQuestion(question: {
  id: string;
  slug: string;
  prompt: string;
  version: number;
  spec: QuestionSpec;
}): PublicQuestion {
  const base = {
    id: question.id,
    slug: question.slug,
    prompt: question.prompt,
    version: question.version,
  };
  const spec = question.spec;
  switch (spec.kind) {
    case "single_choice":
    case "multiple_choice":
      return { ...base, kind: spec.kind, options: spec.options };
    case "numeric":
      return { ...base, kind: "numeric", unit: spec.unit };
    case "ordering": {
      let items = shuffleByKey(spec.items, question.slug);
      if (items.every((item, i) => item.id === spec.items[i].id)) {
        items = [...items.slice(1), items[0]];
      }
      return { ...base, kind: "ordering", items };
    }
    case "free_text":
      return { ...base, kind: "free_text" };
    case "lab":
      return {
        ...base,
        kind: "lab",
        lab: spec.lab,
        answerType: spec.answer.type,
        unit: spec.answer.type === "numeric" ? spec.answer.unit : undefined,
        options:
          spec.answer.type === "choice" ? spec.answer.options : undefined,
      };
  }
}
