/**
 * PostgreSQL text cannot contain the NUL character, and UTF-8 cannot
 * encode a lone UTF-16 surrogate (half of an emoji cut in two). Either one
 * in user input makes the database reject the write with an error the user
 * cannot act on, so these helpers find such characters before any write.
 */

const unstorable =
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deepest nesting of arrays and objects searched. */
const maxDepth = 64;

/**
 * Returns the path of the first string (or object key) in `value` that
 * contains a NUL character or a lone surrogate, or null when there is none.
 */
export function findUnstorableText(
  value: unknown,
  path: (string | number)[] = [],
  depth = 0,
): (string | number)[] | null {
  if (typeof value === "string") return unstorable.test(value) ? path : null;
  if (value === null || typeof value !== "object" || depth > maxDepth) {
    return null;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnstorableText(
        value[index],
        [...path, index],
        depth + 1,
      );
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (unstorable.test(key)) return [...path, key];
    const found = findUnstorableText(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
