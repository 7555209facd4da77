import { z } from "zod";

import { InvalidSpecError } from "@/lib/grading/errors";
import {
  freeTextSpec,
  labSpec,
  multipleChoiceSpec,
  numericSpec,
  orderingSpec,
  questionKinds,
  questionSpecSchema,
  singleChoiceSpec,
  type QuestionSpec,
} from "@/lib/grading/spec";
import { parseConceptPhrase } from "@/lib/grading/text/phrase";
import { resolveSpecUnit } from "@/lib/grading/units";

import type { LabFile } from "./lab-schema";

/**
 * Schemas of the content file types: `topics.yaml`, one file per drill
 * under `drills/` and one file per flashcard deck under `decks/` (lab pages
 * under `labs/` have theirs in lab-schema.ts). Every
 * object is strict, so a misspelt field is an error instead of being dropped.
 * The key order of each object schema is also the key order of the canonical
 * YAML that the exporter writes, because zod returns parsed objects with
 * their keys in schema order.
 */

export const slugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    "use lowercase letters, digits and dashes, starting with a letter or digit",
  );

export const levelSchema = z.enum(["E5", "E6"]);
export type Level = z.infer<typeof levelSchema>;

/** Text that must contain something other than white space. */
const text = z
  .string()
  .refine((value) => value.trim().length > 0, "must not be empty");

/**
 * One phrase of a rubric concept: lowercase, single spaces, no padding.
 * The free-text grader (lib/grading/text/phrase.ts) matches its words in any
 * order and ignores inflection and punctuation, so "weight" and "weights" need
 * not both be listed. A phrase written as `not(...)` earns credit only where
 * the learner rejects it ("accuracy is misleading").
 */
export const phraseSchema = z
  .string()
  .min(1, "must not be empty")
  .refine(
    (phrase) => phrase === phrase.toLowerCase(),
    "write phrases in lowercase",
  )
  .refine(
    (phrase) => phrase === phrase.trim() && !/\s{2,}/.test(phrase),
    "remove leading, trailing and repeated spaces",
  );

export const conceptSchema = z.strictObject({
  name: text,
  phrases: z.array(phraseSchema).min(1, "list at least one phrase"),
});
export type Concept = z.infer<typeof conceptSchema>;

export const rubricCriterionSchema = z.strictObject({
  key: slugSchema,
  level: levelSchema,
  description: text,
  points: z.number().positive("points must be greater than 0"),
  concepts: z.array(conceptSchema).min(1, "list at least one concept"),
});
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

export const rubricSchema = z
  .strictObject({
    slug: slugSchema,
    title: text,
    criteria: z
      .array(rubricCriterionSchema)
      .min(1, "a rubric needs at least one criterion"),
  })
  .superRefine((rubric, context) => checkRubric(rubric, context));
export type Rubric = z.infer<typeof rubricSchema>;

/**
 * Builds the file shape of one question kind: the fields every question has
 * (slug, kind, prompt, explanation) around the kind's own spec fields from
 * lib/grading/spec.ts, so the content files and the graders share one
 * definition of each kind.
 */
function questionOf<Shape extends z.ZodRawShape & { kind: z.ZodType }>(spec: {
  shape: Shape;
}) {
  return z
    .strictObject({ slug: slugSchema, kind: spec.shape.kind, prompt: text })
    .extend(spec.shape)
    .extend({ explanation: text })
    .superRefine((question, context) =>
      checkQuestion(question as QuestionSpec, context),
    );
}

/** Names the kind a question gave, for the error when it matches none. */
function describeKindProblem(question: unknown): string {
  const kinds = questionKinds.join(", ");
  const kind =
    typeof question === "object" && question !== null && "kind" in question
      ? question.kind
      : undefined;
  if (kind === undefined) return `missing: add a kind (one of ${kinds})`;
  return `unknown kind ${JSON.stringify(kind)}: use one of ${kinds}`;
}

export const questionSchema = z.discriminatedUnion(
  "kind",
  [
    questionOf(singleChoiceSpec),
    questionOf(multipleChoiceSpec),
    questionOf(numericSpec),
    questionOf(orderingSpec),
    questionOf(freeTextSpec),
    questionOf(labSpec),
  ],
  { error: (issue) => describeKindProblem(issue.input) },
);
export type QuestionFile = z.infer<typeof questionSchema>;

/** Fields of a question that are not part of its grading spec. */
export const questionTextFields = ["slug", "prompt", "explanation"] as const;

/** Splits a question as written in a file into its text and its spec. */
export function splitQuestion(question: QuestionFile): {
  slug: string;
  prompt: string;
  explanation: string;
  spec: QuestionSpec;
} {
  const { slug, prompt, explanation, ...rest } = question;
  return { slug, prompt, explanation, spec: questionSpecSchema.parse(rest) };
}

/** Reports ids listed twice, with the path of each repeat. */
function checkUniqueIds(
  items: { id: string; text: string }[],
  path: (string | number)[],
  what: string,
  context: z.RefinementCtx,
): void {
  const seenIds = new Map<string, number>();
  const seenTexts = new Map<string, number>();
  items.forEach((item, index) => {
    const firstId = seenIds.get(item.id);
    if (firstId !== undefined) {
      context.addIssue({
        code: "custom",
        path: [...path, index, "id"],
        message: `${what} id "${item.id}" is already used by ${what} ${firstId + 1}: give every ${what} its own id`,
      });
    } else {
      seenIds.set(item.id, index);
    }
    const firstText = seenTexts.get(item.text);
    if (firstText !== undefined) {
      context.addIssue({
        code: "custom",
        path: [...path, index, "text"],
        message: `${what} text repeats ${what} ${firstText + 1}: give every ${what} different text`,
      });
    } else {
      seenTexts.set(item.text, index);
    }
  });
}

/** Checks that a choice question's `correct` ids name its own options. */
function checkCorrectIds(
  options: { id: string }[],
  correct: string | string[],
  path: (string | number)[],
  context: z.RefinementCtx,
): void {
  const ids = new Set(options.map((option) => option.id));
  const seen = new Set<string>();
  const list = Array.isArray(correct) ? correct : [correct];
  list.forEach((id, index) => {
    const itemPath = Array.isArray(correct) ? [...path, index] : path;
    if (!ids.has(id)) {
      context.addIssue({
        code: "custom",
        path: itemPath,
        message: `"${id}" is not an option id: use one of ${[...ids].join(", ")}`,
      });
    }
    if (seen.has(id)) {
      context.addIssue({
        code: "custom",
        path: itemPath,
        message: `"${id}" is listed twice: list each correct option once`,
      });
    }
    seen.add(id);
  });
}

/** Checks within one question that the spec schema cannot express. */
export function checkQuestion(
  question: QuestionSpec,
  context: z.RefinementCtx,
  path: (string | number)[] = [],
): void {
  switch (question.kind) {
    case "single_choice":
      checkUniqueIds(question.options, [...path, "options"], "option", context);
      checkCorrectIds(
        question.options,
        question.correct,
        [...path, "correct"],
        context,
      );
      return;
    case "multiple_choice":
      checkUniqueIds(question.options, [...path, "options"], "option", context);
      checkCorrectIds(
        question.options,
        question.correct,
        [...path, "correct"],
        context,
      );
      return;
    case "ordering":
      checkUniqueIds(question.items, [...path, "items"], "item", context);
      return;
    case "lab":
      if (question.answer.type === "choice") {
        checkUniqueIds(
          question.answer.options,
          [...path, "answer", "options"],
          "option",
          context,
        );
      } else {
        checkUnit(question.answer.unit, [...path, "answer", "unit"], context);
      }
      return;
    case "free_text":
      if (question.criteria) {
        const seen = new Set<string>();
        question.criteria.forEach((key, index) => {
          if (seen.has(key)) {
            context.addIssue({
              code: "custom",
              path: [...path, "criteria", index],
              message: `criterion "${key}" is listed twice: list it once`,
            });
          }
          seen.add(key);
        });
      }
      return;
    case "numeric":
      checkUnit(question.unit, [...path, "unit"], context);
      return;
  }
}

/** Checks that the grader can resolve a numeric question's unit. */
function checkUnit(
  unit: string | undefined,
  path: (string | number)[],
  context: z.RefinementCtx,
): void {
  if (resolveSpecUnit(unit) !== undefined) return;
  context.addIssue({
    code: "custom",
    path,
    message: `unknown unit ${JSON.stringify(unit)}: use a byte unit (GB, GiB), a time unit (ms, s, min, h, d), "%", a count scale (k, M, billion), a counted noun (examples, labels) or leave it out`,
  });
}

/**
 * Checks within one rubric: criterion keys and phrases are unique, and the
 * grader can parse every phrase.
 */
function checkRubric(rubric: Rubric, context: z.RefinementCtx): void {
  const path: (string | number)[] = [];
  const keys = new Map<string, number>();
  rubric.criteria.forEach((criterion, index) => {
    const first = keys.get(criterion.key);
    if (first !== undefined) {
      context.addIssue({
        code: "custom",
        path: [...path, "criteria", index, "key"],
        message: `criterion key "${criterion.key}" is already used by criterion ${first + 1}: give every criterion its own key`,
      });
    } else {
      keys.set(criterion.key, index);
    }
    criterion.concepts.forEach((concept, conceptIndex) => {
      const phrases = new Set<string>();
      concept.phrases.forEach((phrase, phraseIndex) => {
        const phrasePath = [
          ...path,
          "criteria",
          index,
          "concepts",
          conceptIndex,
          "phrases",
          phraseIndex,
        ];
        if (phrases.has(phrase)) {
          context.addIssue({
            code: "custom",
            path: phrasePath,
            message: `phrase "${phrase}" is listed twice in this concept: list it once`,
          });
        }
        phrases.add(phrase);
        const problem = phraseProblem(phrase);
        if (problem) {
          context.addIssue({
            code: "custom",
            path: phrasePath,
            message: problem,
          });
        }
      });
    });
  });
}

/** Returns why the free-text grader cannot use a phrase, or null. */
function phraseProblem(phrase: string): string | null {
  try {
    parseConceptPhrase(phrase);
    return null;
  } catch (error) {
    if (error instanceof InvalidSpecError) return error.message;
    throw error;
  }
}

export const drillFileSchema = z
  .strictObject({
    slug: slugSchema,
    number: z
      .number()
      .int("use a whole number")
      .positive("drill numbers start at 1"),
    title: text,
    topic: slugSchema,
    summary: text,
    prompt: text,
    rubric: rubricSchema.optional(),
    questions: z
      .array(questionSchema)
      .min(1, "a drill needs at least one question"),
  })
  // Runs even when other fields are invalid, so a repeated slug is reported
  // together with every other problem; hence the defensive reads.
  .superRefine(
    (drill, context) => {
      if (!Array.isArray(drill.questions)) return;
      const slugs = new Map<string, number>();
      drill.questions.forEach((question: unknown, index) => {
        const slug = (question as { slug?: unknown } | null)?.slug;
        if (typeof slug !== "string") return;
        const first = slugs.get(slug);
        if (first !== undefined) {
          context.addIssue({
            code: "custom",
            path: ["questions", index, "slug"],
            message: `question slug "${slug}" is already used by question ${first + 1} of this drill: choose another slug`,
          });
        } else {
          slugs.set(slug, index);
        }
      });
    },
    { when: () => true },
  );
export type DrillFile = z.infer<typeof drillFileSchema>;

export const topicSchema = z.strictObject({
  slug: slugSchema,
  title: text,
  description: text.optional(),
});
export type Topic = z.infer<typeof topicSchema>;

export const topicsFileSchema = z.strictObject({
  topics: z.array(topicSchema).min(1, "list at least one topic"),
});
export type TopicsFile = z.infer<typeof topicsFileSchema>;

export const tagSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    "write tags in lowercase letters, digits and dashes",
  );

export const flashcardSchema = z.strictObject({
  slug: slugSchema,
  topic: slugSchema,
  level: levelSchema,
  tags: z
    .array(tagSchema)
    .min(1, "give at least one tag")
    .refine(
      (tags) => new Set(tags).size === tags.length,
      "a tag is listed twice: list each tag once",
    ),
  front: text,
  back: text,
});
export type Flashcard = z.infer<typeof flashcardSchema>;

export const deckFileSchema = z.strictObject({
  slug: slugSchema,
  title: text,
  description: text.optional(),
  cards: z.array(flashcardSchema).min(1, "a deck needs at least one card"),
});
export type DeckFile = z.infer<typeof deckFileSchema>;

/** Every content file, validated, as the importer and exporter use it. */
export interface ContentBundle {
  topics: Topic[];
  drills: DrillFile[];
  decks: DeckFile[];
  /** Lab pages (labs/<slug>.yaml), each attached to one of the drills. */
  labs: LabFile[];
}
