import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import { parse } from "yaml";

import { labFileSchema, type LabFile } from "../content/lab-schema";

/**
 * A lab's page content (content/labs/<slug>.yaml): its texts, the label and
 * help of every parameter, the charts, and lab questions in the same shape
 * as a drill's questions, attached to the drill named by `drill`. The
 * schema is lib/content's, which also imports these files.
 */
export const labContentSchema = labFileSchema;

export type LabContent = LabFile;

/** Folder of the lab content files, relative to the project root. */
export const labContentDirectory = "content/labs";

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
