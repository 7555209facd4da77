import { exportContent } from "@/lib/content/export";
import type { LabCatalog } from "@/lib/content/lab-catalog";
import {
  ContentValidationError,
  formatProblem,
  type ContentProblem,
  type FieldPath,
} from "@/lib/content/problems";
import type { ContentBundle, DeckFile, DrillFile } from "@/lib/content/schema";
import { validateBundle } from "@/lib/content/validate";
import { UserError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import { addFieldError, type FieldErrors } from "./errors";
import { parseFieldPath } from "./field-paths";

/**
 * Publishing checks an edited item the way the content files are checked:
 * the published content is exported as a bundle (which lib/content has
 * already validated), the edited drill or deck replaces its stored version,
 * and the whole bundle is validated again with lib/content's schemas and
 * cross-file checks. Because the stored bundle was valid, every problem
 * found is one the edit causes, wherever it is reported.
 */

/**
 * Exports the published content as the base to check edits against.
 *
 * @throws UserError listing the first problems when the stored content is
 *   itself invalid, since no edit could then be checked.
 */
export async function loadBaseBundle(
  prisma: PrismaClient,
): Promise<ContentBundle> {
  try {
    return await exportContent(prisma);
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    const shown = error.problems.slice(0, 5).map(formatProblem).join("; ");
    throw new UserError(
      `The stored content does not validate, so this edit cannot be checked against it: ${shown}. Fix those items first, or import corrected files.`,
    );
  }
}

/**
 * Returns the bundle with the drill stored under `previousSlug` replaced by
 * `drill`, which goes last so that a duplicate number or slug is reported
 * on the edited drill rather than on the drill it collides with.
 */
export function withDrill(
  bundle: ContentBundle,
  drill: unknown,
  previousSlug: string | null,
): ContentBundle {
  return {
    ...bundle,
    drills: [
      ...bundle.drills.filter((stored) => stored.slug !== previousSlug),
      drill as DrillFile,
    ],
  };
}

/** Returns the bundle with the deck stored under `previousSlug` replaced by `deck`, placed last. */
export function withDeck(
  bundle: ContentBundle,
  deck: unknown,
  previousSlug: string | null,
): ContentBundle {
  return {
    ...bundle,
    decks: [
      ...bundle.decks.filter((stored) => stored.slug !== previousSlug),
      deck as DeckFile,
    ],
  };
}

/**
 * Decides where one problem of the edited file is shown: an editor field
 * key, "_" for the item as a whole, or null to drop it.
 */
export type ProblemPlacer = (
  path: FieldPath,
  problem: ContentProblem,
) => string | null;

/**
 * Validates a bundle and sorts its problems into field errors: problems in
 * `file` go where `place` puts them; problems elsewhere (another drill's
 * question that names a criterion the edit removed) go to "_" with their
 * file and field.
 */
export function checkBundle(
  bundle: ContentBundle,
  file: string,
  place: ProblemPlacer,
  labs?: LabCatalog,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of validateBundle(bundle, labs)) {
    if (problem.file !== file) {
      addFieldError(
        errors,
        "_",
        `${problem.file} ${problem.path}: ${problem.message}`,
      );
      continue;
    }
    const key = place(parseFieldPath(problem.path), problem);
    if (key === null) continue;
    const message =
      key === "_" && problem.path !== ""
        ? `${problem.path}: ${problem.message}`
        : problem.message;
    addFieldError(errors, key, message);
  }
  return errors;
}

/** True when there is at least one error. */
export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((list) => list.length > 0);
}

/** The message for a slug edited after the item was created. */
export const fixedSlugMessage =
  "slugs cannot change once an item exists, because attempts, reviews and content files refer to them: keep the old slug, or create a new item";
