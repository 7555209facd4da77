import { InvalidAnswerError, InvalidSpecError } from "./errors";
import type { Option } from "./spec";

/**
 * Checks that option ids are unique and that every id in `keyIds` is one
 * of them. Throws InvalidSpecError naming the first offending id.
 */
export function checkOptionKey(
  options: readonly Option[],
  keyIds: readonly string[],
): void {
  const seen = new Set<string>();
  for (const option of options) {
    if (seen.has(option.id)) {
      throw new InvalidSpecError(
        `option id '${option.id}' appears twice in the question spec; give every option its own id`,
      );
    }
    seen.add(option.id);
  }

  for (const id of keyIds) {
    if (!seen.has(id)) {
      throw new InvalidSpecError(
        `the answer key names option '${id}', which is not among the options (${listIds(options)})`,
      );
    }
  }
}

/**
 * Throws InvalidAnswerError on `field` when `choice` is not an option id.
 */
export function requireKnownOption(
  options: readonly Option[],
  choice: string,
  field: string,
): void {
  if (!options.some((option) => option.id === choice)) {
    throw new InvalidAnswerError(
      field,
      `'${choice}' is not an option of this question; choose one of ${listIds(options)}`,
    );
  }
}

/** Formats option ids for messages: 'a', 'b', 'c'. */
export function listIds(options: readonly Option[]): string {
  return options.map((option) => `'${option.id}'`).join(", ");
}
