/** A path into a parsed content file, e.g. ["questions", 2, "tolerance"]. */
export type FieldPath = (string | number)[];

/** One thing wrong with the content, located as precisely as possible. */
export interface ContentProblem {
  /** The file as the author sees it, e.g. "content/drills/02-class-imbalance.yaml". */
  file: string;
  /** 1-based line of the field, or null when the file could not be located. */
  line: number | null;
  /** The field, e.g. "questions[2].tolerance"; empty for the whole file. */
  path: string;
  /** What is wrong and what to do about it. */
  message: string;
}

/** Formats a field path the way a reader writes it: `questions[2].tolerance`. */
export function formatFieldPath(path: FieldPath): string {
  let formatted = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      formatted += `[${segment}]`;
    } else {
      formatted += formatted === "" ? segment : `.${segment}`;
    }
  }
  return formatted;
}

/**
 * Formats one problem as `file:line path: message`, the shape editors and
 * terminals turn into a link.
 */
export function formatProblem(problem: ContentProblem): string {
  const location =
    problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  const field = problem.path === "" ? "" : ` ${problem.path}`;
  return `${location}${field}: ${problem.message}`;
}

/** Sorts problems by file, then line, so a report reads top to bottom. */
export function sortProblems(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.path.localeCompare(b.path),
  );
}

/** Thrown when content fails validation; carries every problem found. */
export class ContentValidationError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    const count = problems.length;
    super(
      `Content is invalid (${count} problem${count === 1 ? "" : "s"}):\n` +
        problems.map(formatProblem).join("\n"),
    );
    this.name = "ContentValidationError";
    this.problems = problems;
  }
}
