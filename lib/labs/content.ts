import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { parse } from "yaml";
import { z } from "zod";

import { questionSchema, slugSchema } from "../content/schema";

const text = z
  .string()
  .refine((value) => value.trim().length > 0, "must not be empty");

/** Label and help text of one parameter of the lab's schema. */
export const labParameterTextSchema = z.strictObject({
  label: text,
  /** The parameter's effect in the learner's terms, with its unit. */
  help: text,
});

/** One chart or table of the lab page and the result field it draws. */
export const labChartSchema = z.strictObject({
  title: text,
  kind: z.enum([
    "roc-curves",
    "pr-curves",
    "line",
    "bars",
    "table",
    "reliability",
  ]),
  /** Dotted path into the result, e.g. "roc" or "roundsSweep.points". */
  data: text,
  caption: text,
});

/**
 * A lab's page content (lib/labs/page-content/<slug>.yaml): its texts, the label
 * and help of every parameter, the charts, and lab questions in the same
 * shape as a drill's questions, attached to the drill named by `drill`.
 */
export const labContentSchema = z.strictObject({
  slug: slugSchema,
  drill: slugSchema,
  title: text,
  summary: text,
  /** Markdown shown above the parameter form. */
  intro: text,
  parameters: z.record(z.string(), labParameterTextSchema),
  charts: z.array(labChartSchema).min(1),
  questions: z.array(questionSchema).min(1),
});

export type LabContent = z.infer<typeof labContentSchema>;

/**
 * Folder of the lab content files, relative to the project root.
 * NOTE: they belong in content/labs, but lib/content's loader reports any
 * file outside topics.yaml, drills/ and decks/ as unexpected; move them
 * there once it skips labs/.
 */
export const labContentDirectory = "lib/labs/page-content";

/**
 * Reads and validates every `*.yaml` file of a folder as lab content.
 * Checks the file shape only; the unit tests check the content against
 * the lab definitions (parameter names, rules, metric paths).
 *
 * @throws {Error} naming the file and the first problem when a file is
 *   not valid YAML or does not match labContentSchema.
 */
export async function loadLabContent(
  directory = path.join(
    /* turbopackIgnore: true */ process.cwd(),
    labContentDirectory,
  ),
): Promise<LabContent[]> {
  const files = (await readdir(directory))
    .filter((name) => name.endsWith(".yaml"))
    .sort();
  const contents: LabContent[] = [];
  for (const file of files) {
    const source = await readFile(path.join(directory, file), "utf8");
    const parsed = labContentSchema.safeParse(parse(source));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${path.relative(process.cwd(), path.join(directory, file))}: ${issue.path.join(".") || "(file)"}: ${issue.message}`,
      );
    }
    contents.push(parsed.data);
  }
  return contents;
}
