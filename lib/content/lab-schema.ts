import { z } from "zod";

import { questionSchema, slugSchema } from "./schema";

/**
 * Schema of a lab page file, `labs/<slug>.yaml`: the texts of one live lab
 * in lib/labs, the label and help of each of its parameters, the charts its
 * page draws, and its graded questions. As in schema.ts, the key order of
 * each object is the key order of the canonical YAML.
 */

/** Text that must contain something other than white space. */
const text = z
  .string()
  .refine((value) => value.trim().length > 0, "must not be empty");

/** Label and help text of one parameter of the lab's schema. */
export const labParameterTextSchema = z.strictObject({
  label: text,
  /** The parameter's effect in the learner's terms, with its unit. */
  help: text,
});
export type LabParameterText = z.infer<typeof labParameterTextSchema>;

/** Chart kinds a lab page draws. */
export const labChartKinds = [
  "roc-curves",
  "pr-curves",
  "line",
  "bars",
  "table",
  "reliability",
] as const;

/** One chart or table of the lab page and the result field it draws. */
export const labChartSchema = z.strictObject({
  title: text,
  kind: z.enum(labChartKinds),
  /** Dotted path into the result, e.g. "roc" or "roundsSweep.points". */
  data: text,
  caption: text,
});
export type LabChart = z.infer<typeof labChartSchema>;

export const labFileSchema = z
  .strictObject({
    /** Slug of the lab definition in lib/labs that computes the results. */
    slug: slugSchema,
    /** Slug of the drill the lab belongs to. */
    drill: slugSchema,
    /**
     * False for a lab that a drill page already runs inline: its page
     * exists, but the lab list leaves it out. True when missing.
     */
    listed: z.boolean().optional(),
    title: text,
    summary: text,
    /** Markdown shown above the parameter form. */
    intro: text,
    parameters: z.record(z.string(), labParameterTextSchema),
    charts: z.array(labChartSchema).min(1, "list at least one chart"),
    questions: z
      .array(questionSchema)
      .min(1, "a lab needs at least one question"),
  })
  // Runs even when other fields are invalid, so every problem shows at
  // once; hence the defensive reads.
  .superRefine(
    (lab, context) => {
      if (!Array.isArray(lab.questions)) return;
      const slugs = new Map<string, number>();
      lab.questions.forEach((question: unknown, index) => {
        const { slug, kind } = (question ?? {}) as {
          slug?: unknown;
          kind?: unknown;
        };
        if (kind !== undefined && kind !== "lab") {
          context.addIssue({
            code: "custom",
            path: ["questions", index, "kind"],
            message: `a lab page asks lab questions only: use kind lab, or move this ${String(kind)} question to a drill file`,
          });
        }
        if (typeof slug !== "string") return;
        const first = slugs.get(slug);
        if (first !== undefined) {
          context.addIssue({
            code: "custom",
            path: ["questions", index, "slug"],
            message: `question slug "${slug}" is already used by question ${first + 1} of this lab: choose another slug`,
          });
        } else {
          slugs.set(slug, index);
        }
      });
    },
    { when: () => true },
  );
export type LabFile = z.infer<typeof labFileSchema>;
