import { z } from "zod";

import { UserError } from "@/lib/errors";
import { questionKinds } from "@/lib/grading/spec";

/**
 * The editor forms of every authored item, as the browser holds them and as
 * drafts store them. Every field is a plain string (numbers as typed), so a
 * half-written form always saves; `to-file.ts` turns a form into the content
 * file shape that the strict schemas of lib/content validate on publish.
 */

export const entityTypes = [
  "drill",
  "question",
  "rubric",
  "deck",
  "flashcard",
] as const;
export type EntityType = (typeof entityTypes)[number];

export const entityLabels: Record<EntityType, string> = {
  drill: "drill",
  question: "question",
  rubric: "rubric",
  deck: "deck",
  flashcard: "flashcard",
};

/** Longest text accepted in one draft field, in characters. */
export const maxFieldLength = 20_000;
/** Most entries accepted in one draft list (options, criteria, phrases). */
const maxListLength = 100;

const field = z.string().max(maxFieldLength).default("");
const shortField = z.string().max(200).default("");

const optionForm = z.object({ id: shortField, text: field });
export type OptionForm = z.infer<typeof optionForm>;

const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(maxListLength).default([]);

export const questionFormSchema = z.object({
  drillId: shortField,
  slug: shortField,
  kind: z.union([z.enum(questionKinds), z.literal("")]).default(""),
  prompt: field,
  explanation: field,
  /** Choice options, and the options of a lab choice question. */
  options: list(optionForm),
  /** Ids of the correct options; a single-choice question uses the first. */
  correct: list(shortField),
  /** A numeric question's answer, as typed. */
  answer: shortField,
  unit: shortField,
  toleranceAbsolute: shortField,
  toleranceRelative: shortField,
  /** Ordering items, in the correct order. */
  items: list(optionForm),
  /** Free text: the rubric's slug, empty for the drill's own rubric. */
  rubric: shortField,
  /** Free text: criterion keys to grade, empty for all of them. */
  criteria: list(shortField),
  lab: shortField,
  labAnswerType: z.enum(["numeric", "choice"]).default("numeric"),
  /** Lab numeric: dotted path into the run's result. */
  metric: shortField,
  /** Lab choice: name of the rule in lib/labs that picks the right option. */
  rule: shortField,
  hint: field,
});
export type QuestionForm = z.infer<typeof questionFormSchema>;

export const drillFormSchema = z.object({
  slug: shortField,
  number: shortField,
  title: field,
  topic: shortField,
  summary: field,
  prompt: field,
  /** Slug of the drill's rubric, empty for none. */
  rubric: shortField,
});
export type DrillForm = z.infer<typeof drillFormSchema>;

const conceptForm = z.object({
  name: field,
  /** One phrase per line. */
  phrases: field,
});

const criterionForm = z.object({
  key: shortField,
  level: z.union([z.enum(["E5", "E6"]), z.literal("")]).default(""),
  description: field,
  points: shortField,
  concepts: list(conceptForm),
});
export type CriterionForm = z.infer<typeof criterionForm>;

export const rubricFormSchema = z.object({
  slug: shortField,
  title: field,
  criteria: list(criterionForm),
});
export type RubricForm = z.infer<typeof rubricFormSchema>;

export const deckFormSchema = z.object({
  slug: shortField,
  title: field,
  description: field,
});
export type DeckForm = z.infer<typeof deckFormSchema>;

export const flashcardFormSchema = z.object({
  deckId: shortField,
  slug: shortField,
  topic: shortField,
  level: z.union([z.enum(["E5", "E6"]), z.literal("")]).default(""),
  /** Tags separated by commas or spaces. */
  tags: shortField,
  front: field,
  back: field,
});
export type FlashcardForm = z.infer<typeof flashcardFormSchema>;

/** The lenient schema of each entity's form: anything partial saves. */
export const formSchemas = {
  drill: drillFormSchema,
  question: questionFormSchema,
  rubric: rubricFormSchema,
  deck: deckFormSchema,
  flashcard: flashcardFormSchema,
} as const;

export interface FormOf {
  drill: DrillForm;
  question: QuestionForm;
  rubric: RubricForm;
  deck: DeckForm;
  flashcard: FlashcardForm;
}

/**
 * Fills in every missing field of a partial form with its empty value.
 *
 * @throws UserError naming each field that has the wrong type or exceeds
 *   its length; our own editor never sends such a form, so it means a
 *   hand-made or tampered request.
 */
export function completeForm<T extends EntityType>(
  type: T,
  partial: unknown,
): FormOf[T] {
  const parsed = formSchemas[type].safeParse(partial ?? {});
  if (parsed.success) return parsed.data as FormOf[T];

  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues.slice(0, 20)) {
    const key = ["form", ...issue.path.map(String)].join(".");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const shown = Object.entries(fieldErrors)
    .slice(0, 5)
    .map(([key, messages]) => `${key}: ${messages.join("; ")}`)
    .join(". ");
  throw new UserError(
    `The ${type} form is malformed, so nothing was saved. ${shown}. Reload the editor and try again.`,
    fieldErrors,
  );
}
