import { formatFieldPath, type FieldPath } from "@/lib/content/problems";

/** One field that differs between two versions. */
export interface FieldChange {
  /** The field, e.g. "options[1].text" or "tolerance.absolute". */
  field: string;
  /** The value in the older version; undefined when the field was added. */
  before: unknown;
  /** The value in the newer version; undefined when the field was removed. */
  after: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Compares two versions field by field and lists every leaf that differs,
 * in the order the fields appear (the newer version's order first). Lists
 * are compared by index, so an option inserted at the top shows as every
 * later option changed; that is what a learner sees change too. Empty
 * strings and missing fields are different values.
 */
export function diffVersions(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before, after, [], changes);
  return changes;
}

function walk(
  before: unknown,
  after: unknown,
  path: FieldPath,
  changes: FieldChange[],
): void {
  // A list or object on one side only is compared with an empty one, so
  // each of its fields is listed rather than the whole value.
  if (before === undefined && (Array.isArray(after) || isPlainObject(after))) {
    before = Array.isArray(after) ? [] : {};
  }
  if (after === undefined && (Array.isArray(before) || isPlainObject(before))) {
    after = Array.isArray(before) ? [] : {};
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index++) {
      walk(before[index], after[index], [...path, index], changes);
    }
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    for (const key of keys)
      walk(before[key], after[key], [...path, key], changes);
    return;
  }
  if (Object.is(before, after)) return;
  changes.push({
    field: formatFieldPath(path) || "(whole item)",
    before,
    after,
  });
}

/** Shows a changed value in one line: text as it is, anything else as JSON, a gap as "(none)". */
export function formatDiffValue(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  return JSON.stringify(value);
}
