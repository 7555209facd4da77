import type { z } from "zod";

import { checkAcrossFiles, type ContentFiles } from "./cross-checks";
import {
  deckFilePath,
  drillFilePath,
  labFilePath,
  topicsFilePath,
} from "./format";
import { labCatalog, type LabCatalog } from "./lab-catalog";
import { labFileSchema } from "./lab-schema";
import { contentErrorMap, issueMessages } from "./issue-messages";
import { nulCharacterMessage, nulCharacterPaths } from "./nul-characters";
import {
  ContentValidationError,
  formatFieldPath,
  type ContentProblem,
} from "./problems";
import {
  deckFileSchema,
  drillFileSchema,
  topicsFileSchema,
  type ContentBundle,
} from "./schema";

/**
 * Validates a bundle held in memory with the same schemas and cross-file
 * checks as the loader. Each object is attributed to the file it would be
 * written to; lines are null because there is no file text. Lab questions
 * are checked against `labs`. Returns every problem, or an empty list when
 * the bundle is valid.
 */
export function validateBundle(
  bundle: ContentBundle,
  labs: LabCatalog = labCatalog(),
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const files: ContentFiles = { topics: null, drills: [], decks: [], labs: [] };

  const check = <T>(file: string, schema: z.ZodType<T>, data: unknown) => {
    const result = schema.safeParse(data, {
      error: contentErrorMap,
      reportInput: true,
    });
    const nulPaths = nulCharacterPaths(data);
    for (const path of nulPaths) {
      problems.push({
        file,
        line: null,
        path: formatFieldPath(path),
        message: nulCharacterMessage,
      });
    }
    if (result.success && nulPaths.length === 0) {
      return { file, data: result.data };
    }
    if (result.success) return null;
    for (const issue of result.error.issues) {
      for (const { path, message } of issueMessages(issue)) {
        problems.push({
          file,
          line: null,
          path: formatFieldPath(path),
          message,
        });
      }
    }
    return null;
  };

  files.topics = check(topicsFilePath, topicsFileSchema, {
    topics: bundle.topics,
  });
  const invalidDrillSlugs = new Set<string>();
  files.invalidDrillSlugs = invalidDrillSlugs;
  for (const drill of bundle.drills) {
    const valid = check(drillFilePath(drill), drillFileSchema, drill);
    if (valid) files.drills.push(valid);
    else if (typeof drill?.slug === "string") invalidDrillSlugs.add(drill.slug);
  }
  for (const deck of bundle.decks) {
    const valid = check(deckFilePath(deck), deckFileSchema, deck);
    if (valid) files.decks.push(valid);
  }
  for (const lab of bundle.labs) {
    const valid = check(labFilePath(lab), labFileSchema, lab);
    if (valid) files.labs.push(valid);
  }

  for (const problem of checkAcrossFiles(files, labs)) {
    problems.push({
      file: problem.file,
      line: null,
      path: formatFieldPath(problem.path),
      message: problem.message,
    });
  }
  return problems;
}

/**
 * Validates a bundle and returns it unchanged.
 *
 * @throws ContentValidationError listing every problem found.
 */
export function assertValidBundle(
  bundle: ContentBundle,
  labs: LabCatalog = labCatalog(),
): ContentBundle {
  const problems = validateBundle(bundle, labs);
  if (problems.length > 0) throw new ContentValidationError(problems);
  return bundle;
}
