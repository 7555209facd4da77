import { z } from "zod";

/**
 * Question specifications and answer shapes for every question kind. The
 * content files, the importer, the grader and the answer forms all read
 * these schemas, so a question means the same thing everywhere.
 */

export const questionKinds = [
  "single_choice",
  "multiple_choice",
  "numeric",
  "ordering",
  "free_text",
  "lab",
] as const;
export type QuestionKindName = (typeof questionKinds)[number];

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes");

export const optionSchema = z.strictObject({
  id,
  text: z.string().min(1),
});
export type Option = z.infer<typeof optionSchema>;

export const toleranceSchema = z
  .strictObject({
    absolute: z.number().nonnegative().optional(),
    relative: z.number().nonnegative().optional(),
  })
  .refine((t) => t.absolute !== undefined || t.relative !== undefined, {
    message: "give an absolute or a relative tolerance",
  });
export type Tolerance = z.infer<typeof toleranceSchema>;

export const singleChoiceSpec = z.strictObject({
  kind: z.literal("single_choice"),
  options: z.array(optionSchema).min(2),
  correct: id,
});

export const multipleChoiceSpec = z.strictObject({
  kind: z.literal("multiple_choice"),
  options: z.array(optionSchema).min(2),
  correct: z.array(id).min(1),
});

/** A numeric answer in a unit family; `unit` is the unit `answer` is in. */
export const numericSpec = z.strictObject({
  kind: z.literal("numeric"),
  answer: z.number().finite(),
  unit: z.string().optional(),
  tolerance: toleranceSchema,
});

export const orderingSpec = z.strictObject({
  kind: z.literal("ordering"),
  // Listed in the correct order; the learner sees them shuffled.
  items: z.array(optionSchema).min(2),
});

export const freeTextSpec = z.strictObject({
  kind: z.literal("free_text"),
  // Slug of the rubric to grade against; the drill's rubric when omitted.
  rubric: z.string().optional(),
  // Criteria keys of the rubric that this question grades; all when omitted.
  criteria: z.array(z.string()).optional(),
});

/**
 * A question whose expected answer comes from the learner's own lab run.
 * `metric` is a path into the run's result, e.g.
 * "metrics.logistic_regression.roc_auc"; `rule` names a function in
 * lib/labs that returns the correct option id for a run.
 */
export const labSpec = z.strictObject({
  kind: z.literal("lab"),
  lab: z.string().min(1),
  hint: z.string().min(1),
  answer: z.discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("numeric"),
      metric: z.string().min(1),
      unit: z.string().optional(),
      tolerance: toleranceSchema,
    }),
    z.strictObject({
      type: z.literal("choice"),
      options: z.array(optionSchema).min(2),
      rule: z.string().min(1),
    }),
  ]),
});

export const questionSpecSchema = z.discriminatedUnion("kind", [
  singleChoiceSpec,
  multipleChoiceSpec,
  numericSpec,
  orderingSpec,
  freeTextSpec,
  labSpec,
]);
export type QuestionSpec = z.infer<typeof questionSpecSchema>;

/** Longest free-text answer accepted, in characters. */
export const maxFreeTextLength = 20_000;

export const answerSchemas = {
  single_choice: z.strictObject({ choice: z.string().min(1) }),
  multiple_choice: z.strictObject({ choices: z.array(z.string()).max(50) }),
  numeric: z.strictObject({ value: z.string().trim().min(1).max(100) }),
  ordering: z.strictObject({ order: z.array(z.string()).min(1).max(50) }),
  free_text: z.strictObject({
    text: z.string().trim().min(1, "write an answer").max(maxFreeTextLength),
  }),
  lab: z.strictObject({
    labRunId: z.string().min(1),
    value: z.string().trim().max(100).optional(),
    choice: z.string().optional(),
  }),
} as const;

export type AnswerFor<K extends QuestionKindName> = z.infer<
  (typeof answerSchemas)[K]
>;

/** One criterion of a rubric, as the free-text grader reads it. */
export interface RubricCriterionSpec {
  key: string;
  level: "E5" | "E6";
  description: string;
  points: number;
  concepts: { name: string; phrases: string[] }[];
}

/** What every grader returns. `score` is in [0, 1]. */
export interface GradeResult {
  score: number;
  correct: boolean;
  /** One plain sentence for the learner. */
  summary: string;
  /** Kind-specific detail: per option, per criterion, per item. */
  details: unknown;
  /** Shown on a wrong lab answer instead of the expected value. */
  hint?: string;
}
