import type { Flashcard, QuestionFile, Rubric } from "@/lib/content/schema";

import type {
  DeckForm,
  DrillForm,
  FlashcardForm,
  QuestionForm,
  RubricForm,
} from "./forms";

/**
 * Conversions between editor forms and the content file shapes of
 * lib/content/schema.ts. Form to file never throws: a value that cannot be
 * converted (the text "abc" where a number belongs) is passed through as
 * it is, so the strict schema reports it at its field. Empty optional
 * fields are left out, as the file would leave them out.
 */

/** A number typed into a form: undefined when empty, the text when not a number. */
export function numberFromText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function optional<T>(value: T | undefined | ""): T | undefined {
  return value === "" ? undefined : value;
}

function tolerance(form: {
  toleranceAbsolute: string;
  toleranceRelative: string;
}) {
  const absolute = numberFromText(form.toleranceAbsolute);
  const relative = numberFromText(form.toleranceRelative);
  return {
    ...(absolute === undefined ? {} : { absolute }),
    ...(relative === undefined ? {} : { relative }),
  };
}

/** Drops undefined values, so the strict schema sees only fields that are set. */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined),
  ) as T;
}

/**
 * Builds the question as its drill file would contain it. The result is
 * typed loosely because it has not been validated yet.
 */
export function questionFileOf(form: QuestionForm): Record<string, unknown> {
  const base = {
    slug: form.slug,
    kind: form.kind || undefined,
    prompt: form.prompt,
  };
  const explanation = { explanation: form.explanation };

  switch (form.kind) {
    case "single_choice":
      return compact({
        ...base,
        options: form.options,
        correct: form.correct[0],
        ...explanation,
      });
    case "multiple_choice":
      return compact({
        ...base,
        options: form.options,
        correct: form.correct,
        ...explanation,
      });
    case "numeric":
      return compact({
        ...base,
        answer: numberFromText(form.answer),
        unit: optional(form.unit.trim()),
        tolerance: tolerance(form),
        ...explanation,
      });
    case "ordering":
      return compact({ ...base, items: form.items, ...explanation });
    case "free_text":
      return compact({
        ...base,
        rubric: optional(form.rubric),
        criteria: form.criteria.length > 0 ? form.criteria : undefined,
        ...explanation,
      });
    case "lab": {
      const answer =
        form.labAnswerType === "choice"
          ? { type: "choice", options: form.options, rule: form.rule }
          : compact({
              type: "numeric",
              metric: form.metric,
              unit: optional(form.unit.trim()),
              tolerance: tolerance(form),
            });
      return compact({
        ...base,
        lab: form.lab,
        hint: form.hint,
        answer,
        ...explanation,
      });
    }
    default:
      return compact({ ...base, ...explanation });
  }
}

function toleranceForm(
  value: { absolute?: number; relative?: number } | undefined,
) {
  return {
    toleranceAbsolute:
      value?.absolute === undefined ? "" : String(value.absolute),
    toleranceRelative:
      value?.relative === undefined ? "" : String(value.relative),
  };
}

/** An empty question form of a kind, in a drill. */
export function emptyQuestionForm(
  drillId = "",
  kind: QuestionForm["kind"] = "",
): QuestionForm {
  return {
    drillId,
    slug: "",
    kind,
    prompt: "",
    explanation: "",
    options: [],
    correct: [],
    answer: "",
    unit: "",
    toleranceAbsolute: "",
    toleranceRelative: "",
    items: [],
    rubric: "",
    criteria: [],
    lab: "",
    labAnswerType: "numeric",
    metric: "",
    rule: "",
    hint: "",
  };
}

/** Builds the editor form of a question as its drill file contains it. */
export function questionFormOf(
  file: QuestionFile,
  drillId: string,
): QuestionForm {
  const form = emptyQuestionForm(drillId, file.kind);
  form.slug = file.slug;
  form.prompt = file.prompt;
  form.explanation = file.explanation;

  switch (file.kind) {
    case "single_choice":
      return { ...form, options: file.options, correct: [file.correct] };
    case "multiple_choice":
      return { ...form, options: file.options, correct: file.correct };
    case "numeric":
      return {
        ...form,
        answer: String(file.answer),
        unit: file.unit ?? "",
        ...toleranceForm(file.tolerance),
      };
    case "ordering":
      return { ...form, items: file.items };
    case "free_text":
      return {
        ...form,
        rubric: file.rubric ?? "",
        criteria: file.criteria ?? [],
      };
    case "lab": {
      const lab = { ...form, lab: file.lab, hint: file.hint };
      if (file.answer.type === "choice") {
        return {
          ...lab,
          labAnswerType: "choice",
          options: file.answer.options,
          rule: file.answer.rule,
        };
      }
      return {
        ...lab,
        labAnswerType: "numeric",
        metric: file.answer.metric,
        unit: file.answer.unit ?? "",
        ...toleranceForm(file.answer.tolerance),
      };
    }
  }
}

/** The drill's own fields as its file contains them (questions and rubric added by the caller). */
export function drillFieldsOf(form: DrillForm): Record<string, unknown> {
  return {
    slug: form.slug,
    number: numberFromText(form.number),
    title: form.title,
    topic: form.topic,
    summary: form.summary,
    prompt: form.prompt,
  };
}

/** Splits one phrase per line, dropping blank lines. */
export function phrasesOf(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line.trim() !== "");
}

/** Builds a rubric as a drill file contains it. */
export function rubricFileOf(form: RubricForm): Record<string, unknown> {
  return {
    slug: form.slug,
    title: form.title,
    criteria: form.criteria.map((criterion) => ({
      key: criterion.key,
      level: criterion.level || undefined,
      description: criterion.description,
      points: numberFromText(criterion.points),
      concepts: criterion.concepts.map((concept) => ({
        name: concept.name,
        phrases: phrasesOf(concept.phrases),
      })),
    })),
  };
}

/** Builds the editor form of a rubric. */
export function rubricFormOf(rubric: Rubric): RubricForm {
  return {
    slug: rubric.slug,
    title: rubric.title,
    criteria: rubric.criteria.map((criterion) => ({
      key: criterion.key,
      level: criterion.level,
      description: criterion.description,
      points: String(criterion.points),
      concepts: criterion.concepts.map((concept) => ({
        name: concept.name,
        phrases: concept.phrases.join("\n"),
      })),
    })),
  };
}

/** Splits tags typed with commas or spaces. */
export function tagsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}

/** Builds a flashcard as its deck file contains it. */
export function flashcardFileOf(form: FlashcardForm): Record<string, unknown> {
  return {
    slug: form.slug,
    topic: form.topic,
    level: form.level || undefined,
    tags: tagsOf(form.tags),
    front: form.front,
    back: form.back,
  };
}

/** Builds the editor form of a flashcard. */
export function flashcardFormOf(
  card: Flashcard,
  deckId: string,
): FlashcardForm {
  return {
    deckId,
    slug: card.slug,
    topic: card.topic,
    level: card.level,
    tags: card.tags.join(", "),
    front: card.front,
    back: card.back,
  };
}

/** The deck's own fields as its file contains them (cards added by the caller). */
export function deckFieldsOf(form: DeckForm): Record<string, unknown> {
  return {
    slug: form.slug,
    title: form.title,
    ...(form.description.trim() === ""
      ? {}
      : { description: form.description }),
  };
}
