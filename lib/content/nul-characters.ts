import type { FieldPath } from "./problems";

/** Message for a text that contains U+0000. */
export const nulCharacterMessage =
  "contains a NUL character (U+0000), which PostgreSQL text cannot store: remove it";

/**
 * Lists the paths of every string in a parsed file that contains U+0000.
 * YAML can encode the character ("\0"), but PostgreSQL rejects it in text
 * columns, so the import would fail halfway through its transaction.
 */
export function nulCharacterPaths(
  value: unknown,
  path: FieldPath = [],
): FieldPath[] {
  if (typeof value === "string") return value.includes("\u0000") ? [path] : [];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      nulCharacterPaths(item, [...path, index]),
    );
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) =>
      nulCharacterPaths(item, [...path, key]),
    );
  }
  return [];
}
