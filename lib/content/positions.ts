import { isMap, isScalar, isSeq, type Document, type LineCounter } from "yaml";

import type { FieldPath } from "./problems";

/**
 * Finds the 1-based line of a field in a parsed YAML document.
 *
 * Walks the path from the root. A map entry is located at its key, so a
 * problem with `tolerance` points at the `tolerance:` line even when the
 * value is a nested map that starts below it. A list item is located at its
 * first character. When the path runs past what the file contains (a missing
 * field, an index past the end), the deepest part that exists is used: a
 * missing `tolerance` points at the start of its question.
 *
 * Returns null only when the document has no content at all.
 */
export function lineOfPath(
  document: Document.Parsed,
  lineCounter: LineCounter,
  path: FieldPath,
): number | null {
  let node: unknown = document.contents;
  let offset = rangeStart(node);

  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) =>
          isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }

  if (offset === null) return null;
  return lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | null {
  if (typeof node !== "object" || node === null || !("range" in node)) {
    return null;
  }
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? range[0] : null;
}
