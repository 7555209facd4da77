import { formatFieldPath, type FieldPath } from "@/lib/content/problems";

/**
 * Maps the field paths of content file problems ("questions[2].answer.metric")
 * to the editor's field keys ("metric"), so a problem is shown next to the
 * input that caused it.
 */

/** Parses a formatted path such as `questions[2].answer.metric` back into segments. */
export function parseFieldPath(text: string): FieldPath {
  const segments: FieldPath = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  }
  return segments;
}

/** Returns the rest of `path` after `prefix`, or null when it does not start with it. */
export function stripPrefix(
  path: FieldPath,
  prefix: FieldPath,
): FieldPath | null {
  if (path.length < prefix.length) return null;
  for (let index = 0; index < prefix.length; index++) {
    if (path[index] !== prefix[index]) return null;
  }
  return path.slice(prefix.length);
}

/**
 * The editor key of a question file field. Tolerances have one key for both
 * inputs; a lab question's nested `answer` fields use the same keys as the
 * numeric and choice kinds.
 */
export function questionFieldKey(path: FieldPath, kind: string): string {
  if (path.length === 0) return "_";
  const [head, ...rest] = path;

  if (head === "correct") return "correct";
  if (head === "tolerance") return "tolerance";
  if (head === "criteria") return "criteria";
  if (head === "answer" && kind === "lab") {
    const [inner, ...innerRest] = rest;
    if (inner === undefined) return "labAnswerType";
    if (inner === "type") return "labAnswerType";
    if (inner === "tolerance") return "tolerance";
    if (inner === "options") return formatFieldPath(["options", ...innerRest]);
    return String(inner);
  }
  return formatFieldPath(path);
}

/** The editor key of a rubric file field: `criteria[1].concepts[0].phrases[2]` → `criteria[1].concepts[0].phrases`. */
export function rubricFieldKey(path: FieldPath): string {
  if (path.length === 0) return "_";
  const phrases = path.indexOf("phrases");
  if (phrases !== -1) return formatFieldPath(path.slice(0, phrases + 1));
  return formatFieldPath(path);
}

/** The editor key of a flashcard file field: every tag problem goes to `tags`. */
export function flashcardFieldKey(path: FieldPath): string {
  if (path.length === 0) return "_";
  if (path[0] === "tags") return "tags";
  return formatFieldPath(path);
}
